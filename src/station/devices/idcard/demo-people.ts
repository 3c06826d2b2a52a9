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
