import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attachmentDisposition } from './content-disposition.ts';

test('a plain ASCII name is the same in both parameters', () => {
  assert.equal(attachmentDisposition('report.pdf'), `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
});

test('non-ASCII names get an ASCII fallback and a UTF-8 filename*', () => {
  assert.equal(
    attachmentDisposition('informe ñandú.pdf'),
    `attachment; filename="informe _and_.pdf"; filename*=UTF-8''informe%20%C3%B1and%C3%BA.pdf`,
  );
});

test('quotes, backslashes, percent signs and header-breaking characters cannot escape the value', () => {
  const header = attachmentDisposition('a"b\\c%d\'(e)*.pdf');
  assert.equal(header, `attachment; filename="a_b_c_d'(e)*.pdf"; filename*=UTF-8''a%22b%5Cc%25d%27%28e%29%2A.pdf`);
  assert.doesNotMatch(attachmentDisposition('x\r\nSet-Cookie: y.pdf'), /[\r\n]/);
});
