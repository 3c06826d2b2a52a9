import { idCheckCharacter } from '../../../src/domain/id-number';

/**
 * Synthetic applicants for the fault suite and the benchmarks: Taishan district numbers (370902)
 * with valid GB 11643 check characters, made-up names. `every` lists every full ID number handed
 * out in this process, so a log scan can look for each of them.
 */
const FAMILY = ['韩', '李', '王', '张', '刘', '陈', '杨', '赵', '黄', '周'];
const GIVEN = ['梅梅', '雷', '小明', '芳', '建国', '秀英', '伟', '静', '磊', '洋'];

export interface SyntheticPerson {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
}

const issued = new Set<string>();

/** The n-th synthetic person: stable for a given n, so runs can be compared. */
export function person(n: number): SyntheticPerson {
  const birth = new Date(Date.UTC(1960, 0, 1) + (n % 15000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const seq = String(100 + (Math.floor(n / 15000) % 900)).padStart(3, '0');
  const body = `370902${ymd}${seq}`;
  const idNumber = body + idCheckCharacter(body);
  issued.add(idNumber);
  return {
    name: FAMILY[n % FAMILY.length]! + GIVEN[Math.floor(n / FAMILY.length) % GIVEN.length]!,
    idNumber,
    phone: `139${String(10_000_000 + (n % 90_000_000)).padStart(8, '0')}`,
    address: `泰山区测试路${(n % 300) + 1}号`,
  };
}

/** Every full ID number handed out so far in this process. */
export function everyIdNumber(): string[] {
  return [...issued];
}

/** A 17-digit body with the wrong check character (the clerk mistyped the last digit). */
export function wrongCheckIdNumber(n: number): string {
  const good = person(n).idNumber;
  const last = good[17]!;
  return good.slice(0, 17) + (last === '1' ? '2' : '1');
}
