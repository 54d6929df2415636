/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { allowsAny, iamWildcardMatches } from '../../../../src/nag/rules/iam/wildcards';

describe('iamWildcardMatches: IAM\'s * and ? wildcards over the whole text, in any case', () => {
  test.each([
    ['s3:GetObject', 's3:GetObject'],
    ['S3:getobject', 's3:GetObject'],
    ['s3:Get*', 's3:GetObject'],
    ['s3:*Object', 's3:GetObject'],
    ['s3:*', 's3:GetObject'],
    ['*', 's3:GetObject'],
    ['s3:G?tObject', 's3:GetObject'],
    ['s3:GetObject*', 's3:GetObject'],
    ['*.amazonaws.com', 'datazone.eu-west-1.amazonaws.com'],
  ])('%s matches %s', (pattern, text) => {
    expect(iamWildcardMatches(pattern, text)).toBe(true);
  });

  test.each([
    ['s3:GetObjectAcl', 's3:GetObject', 'a longer name'],
    ['s3:GetObj', 's3:GetObject', 'a prefix'],
    ['xs3:GetObject', 's3:GetObject', 'text before'],
    ['s3:G?Object', 's3:GetObject', '? is one character'],
    ['s3.GetObject', 's3:GetObject', '. is a literal dot'],
    ['datazone.*.amazonaws.com', 'datazone.eu-west-1.amazonaws.com.evil', 'text after'],
    ['(s3|kms):GetObject', 's3:GetObject', 'parentheses and | are literal'],
    ['s3:[G]etObject', 's3:GetObject', 'brackets are literal'],
    ['s3:Get+', 's3:Gett', '+ is literal'],
    ['^s3:GetObject$', 's3:GetObject', '^ and $ are literal'],
    ['s3:\\w+', 's3:GetObject', 'a backslash is literal'],
    ['s3:Get{1}', 's3:Get', 'braces are literal'],
  ])('%s does not match %s (%s)', (pattern, text) => {
    expect(iamWildcardMatches(pattern, text)).toBe(false);
  });
});

describe('allowsAny: an action pattern allows a call when it matches one of them', () => {
  test('allows when one call matches, and not when none does or there is none', () => {
    expect(allowsAny('lakeformation:Grant*', ['lakeformation:PutDataLakeSettings', 'lakeformation:GrantPermissions'])).toBe(true);
    expect(allowsAny('lakeformation:Revoke*', ['lakeformation:PutDataLakeSettings', 'lakeformation:GrantPermissions'])).toBe(false);
    expect(allowsAny('*', [])).toBe(false);
  });
});
