import { basicPassword } from './queues-board-auth';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;

describe(basicPassword.name, () => {
  it.each([
    ['any user, the key as password', basic('ops:the-key'), 'the-key'],
    ['no user', basic(':the-key'), 'the-key'],
    ['a password with colons', basic('u:a:b:c'), 'a:b:c'],
    ['the scheme in any case', basic('u:k').replace('Basic', 'bAsIc'), 'k'],
    ['an empty password', basic('u:'), ''],
  ])('reads %s', (_, header, password) => expect(basicPassword(header)).toBe(password));

  it.each([
    ['no header', undefined],
    ['a bearer token', 'Bearer abc'],
    ['credentials without a colon', basic('just-a-key')],
    ['not base64', 'Basic not base64!'],
    ['no credentials', 'Basic'],
  ])('refuses %s', (_, header) => expect(basicPassword(header)).toBeUndefined());
});
