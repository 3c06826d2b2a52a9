export type Lang = 'zh-CN' | 'en';
export const langs: Lang[] = ['zh-CN', 'en'];
