import { idCheckCharacter } from '../../../domain/id-number';
import type { CardHolder } from './text-block';

/** Synthetic card holders for the simulator, demos and tests: fake names, valid check characters. */
const withCheck = (body17: string): string => body17 + idCheckCharacter(body17);

export const DEMO_RESIDENT: CardHolder = {
  cardType: 'resident',
  name: '李文静',
  sex: 'female',
  nation: '汉',
  nationCode: '01',
  birthDate: '1988-03-15',
  address: '山东省泰安市泰山区东岳大街示例小区3号楼2单元501室',
  idNumber: withCheck('37090219880315002'),
  issuer: '泰安市公安局泰山分局',
  validFrom: '2018-05-20',
  validTo: '2038-05-20',
};

export const DEMO_RESIDENT_LONG_TERM: CardHolder = {
  cardType: 'resident',
  name: '欧阳建国',
  sex: 'male',
  nation: '蒙古',
  nationCode: '02',
  birthDate: '1956-10-01',
  address: '山东省泰安市岱岳区示例路88号',
  idNumber: withCheck('37091119561001003'),
  issuer: '泰安市公安局岱岳分局',
  validFrom: '2012-07-01',
  validTo: '长期',
};

export const DEMO_PERMIT: CardHolder = {
  cardType: 'permit',
  name: '陈家明',
  sex: 'male',
  birthDate: '1990-01-01',
  address: '香港特别行政区九龙示例道1号',
  idNumber: withCheck('81000019900101001'),
  issuer: '泰安市公安局',
  validFrom: '2022-03-01',
  validTo: '2027-03-01',
  passNumber: 'H60123456',
  issueCount: 1,
};

export const DEMO_FOREIGN_2017: CardHolder = {
  cardType: 'foreign2017',
  name: '史密斯',
  englishName: 'SMITH, JOHN EXAMPLE',
  sex: 'male',
  nationality: 'USA',
  birthDate: '1985-06-12',
  idNumber: 'USA370985061201',
  validFrom: '2019-09-01',
  validTo: '2029-09-01',
  cardVersion: '01',
  authorityCode: '1500',
};

export const DEMO_FOREIGN_2023: CardHolder = {
  cardType: 'foreign2023',
  name: '玛丽亚',
  // Longer than the 35 characters of part 1: the rest goes to part 2 of the name.
  englishName: 'GARCIA LOPEZ, MARIA FERNANDA ALEJANDRA',
  sex: 'female',
  nationality: 'ESP',
  birthDate: '1992-07-04',
  idNumber: withCheck('93772419920704002'),
  validFrom: '2024-01-15',
  validTo: '2034-01-15',
  issueCount: 0,
};

export const DEMO_CARD_HOLDERS: readonly CardHolder[] = [DEMO_RESIDENT, DEMO_RESIDENT_LONG_TERM, DEMO_PERMIT, DEMO_FOREIGN_2017, DEMO_FOREIGN_2023];

/** A resident of the hall's own district, made up: region 370902 (泰山区), a valid check character. */
const resident = (name: string, sex: 'male' | 'female', birth: string, serial: string, address: string): CardHolder => ({
  cardType: 'resident',
  name,
  sex,
  nation: '汉',
  nationCode: '01',
  birthDate: birth,
  address,
  idNumber: withCheck(`370902${birth.replaceAll('-', '')}${serial}`),
  issuer: '泰安市公安局泰山分局',
  validFrom: '2020-06-01',
  validTo: '2040-06-01',
});

/**
 * What the simulated reader hands out, one after another, so a day of demo intake is not one person
 * all day: mostly residents (as at a real counter), with a residence permit and both foreign
 * permanent resident cards among them — all four card types the reader knows.
 */
export const DEMO_ROTATION: readonly CardHolder[] = [
  DEMO_RESIDENT,
  resident('张海涛', 'male', '1979-11-23', '001', '山东省泰安市泰山区虎山路示例街12号'),
  DEMO_PERMIT,
  resident('刘桂芳', 'female', '1965-02-08', '002', '山东省泰安市泰山区财源街道示例社区7号楼1单元302室'),
  DEMO_FOREIGN_2023,
  resident('赵子轩', 'male', '2001-08-30', '003', '山东省泰安市泰山区岱宗大街示例公寓B座1106室'),
  DEMO_FOREIGN_2017,
  DEMO_RESIDENT_LONG_TERM,
];
