/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Lazy, Stack } from 'aws-cdk-lib';
import { accountProblem, describe as describeValue, glueNameProblem, InputProblems, isUnresolved, knownZones, projectNameProblem, regionProblem } from '../../src/private/validate';

/** The problems `record` adds, as the error text's lines (empty when it adds none). */
function problemsOf(record: (problems: InputProblems) => void): string[] {
  const problems = new InputProblems(new Stack(new App(), 'Test'), 'Thing');
  record(problems);
  try {
    problems.throwIfAny();
    return [];
  } catch (error) {
    return (error as Error).message.split('\n').slice(1);
  }
}

const token = Lazy.string({ produce: () => 'x' });

describe('InputProblems', () => {
  test('is empty until a problem is added, and then throws one error naming the construct, its path and every problem', () => {
    const problems = new InputProblems(new Stack(new App(), 'Test'), 'Thing');
    expect(problems.isEmpty()).toBe(true);
    expect(() => problems.throwIfAny()).not.toThrow();
    problems.add('size', 3, 'a size is at least 4', 'Pass 4 or more.');
    expect(problems.isEmpty()).toBe(false);
    problems.add('name', undefined, 'a name is required', 'Pass one.');
    expect(() => problems.throwIfAny()).toThrow(new Error("Thing at 'Test' has invalid input:\n  - 'size' is 3: a size is at least 4. Pass 4 or more.\n  - 'name' is missing: a name is required. Pass one."));
  });
});

describe('describe and isUnresolved', () => {
  test('describe a missing value, a token, a string in quotes and other values as JSON', () => {
    expect(describeValue(undefined)).toBe('missing');
    expect(describeValue(token)).toBe('a token (its value is known only at deploy)');
    expect(describeValue(['a', token])).toBe('a token (its value is known only at deploy)');
    expect(describeValue('eu-west-1')).toBe("'eu-west-1'");
    expect(describeValue(['a', 1])).toBe('["a",1]');
    expect(describeValue(null)).toBe('null');
  });

  test('read a list as unresolved when it is a token or holds one', () => {
    expect(isUnresolved(['a', 'b'])).toBe(false);
    expect(isUnresolved(['a', token])).toBe(true);
    expect(isUnresolved(Stack.of(new Stack(new App(), 'S')).availabilityZones)).toBe(true);
    expect(isUnresolved('a')).toBe(false);
  });
});

describe('accountProblem', () => {
  test('accepts a 12-digit account id', () => {
    expect(problemsOf((p) => accountProblem(p, 'account', '012345678901'))).toEqual([]);
  });

  test('refuses a token, an Organization or OU, and an id that is not exactly 12 digits, each with its own fix', () => {
    expect(problemsOf((p) => accountProblem(p, 'account', token))).toEqual(["  - 'account' is a token (its value is known only at deploy): an account id must be a literal here, known at synth, so that the mesh topology can be checked. Pass the 12-digit account id as a string."]);
    for (const organization of ['arn:aws:organizations::111111111111:organization/o-abc123', 'arn:aws-us-gov:organizations::111111111111:ou/o-abc/ou-abc-1', 'o-abc123', 'ou-abc1-12345678']) {
      expect(problemsOf((p) => accountProblem(p, 'account', organization))).toEqual([`  - 'account' is '${organization}': an AWS Organization or organizational unit cannot be associated: AWS documents only account principals for domain shares (whether Organization or OU principals work is unconfirmed). List the member accounts one by one.`]);
    }
    for (const malformed of ['12345678901', '1234567890123', 'a12345678901', '12345678901a', 'x-arn:aws:organizations::1:o', 'p-abc123', 'o-ABC', 'ao-abc123', 'o-abc!']) {
      expect(problemsOf((p) => accountProblem(p, 'account', malformed))).toEqual([`  - 'account' is '${malformed}': an AWS account id is exactly 12 digits. Pass the account id as a 12-digit string, with leading zeros.`]);
    }
  });
});

describe('projectNameProblem', () => {
  test('accepts names of 1 to 64 letters, digits, _, - and spaces, no name and a token', () => {
    for (const name of ['a', 'Sales team_2-b', 'x'.repeat(64), undefined, token]) {
      expect(problemsOf((p) => projectNameProblem(p, name))).toEqual([]);
    }
  });

  test('refuses an empty name, one of spaces only, one too long and one with other characters, with the default or the given fix', () => {
    for (const name of ['', '   ', 'x'.repeat(65), 'sales/team', 'sales.team']) {
      expect(problemsOf((p) => projectNameProblem(p, name))).toEqual([`  - 'projectName' is '${name}': a DataZone project name has 1-64 letters, digits, _, - and spaces, not only spaces. Use the project's name as addProject() or the portal shows it.`]);
    }
    expect(problemsOf((p) => projectNameProblem(p, 'a/b', 'Rename it.'))).toEqual(["  - 'projectName' is 'a/b': a DataZone project name has 1-64 letters, digits, _, - and spaces, not only spaces. Rename it."]);
  });
});

describe('regionProblem', () => {
  test('accepts a known Region, no Region and a token', () => {
    for (const region of ['eu-west-1', 'us-east-1', undefined, token]) {
      expect(problemsOf((p) => regionProblem(p, 'region', region))).toEqual([]);
    }
  });

  test('refuses an unknown Region, naming the Regions of its area', () => {
    const [line] = problemsOf((p) => regionProblem(p, 'region', 'eu-west-9'));
    expect(line).toMatch(/^ {2}- 'region' is 'eu-west-9': it is not an AWS Region \(Regions like it: (eu-west-\d, )+eu-west-\d\)\. Use the Region's code, e.g\. eu-west-1; a Region newer than the installed aws-cdk-lib needs a newer aws-cdk-lib\.$/);
    expect(line).toContain('eu-west-1, eu-west-2');
    expect(line).not.toContain('eu-central-1');
  });

  test('names the first three Regions and an ellipsis when none is like it', () => {
    expect(problemsOf((p) => regionProblem(p, 'region', 'mars')))
      .toEqual([expect.stringMatching(/it is not an AWS Region \(Regions like it: [a-z0-9-]+, [a-z0-9-]+, [a-z0-9-]+, …\)\. Use/)]);
  });
});

describe('knownZones', () => {
  const context = { 'availability-zones:account=111111111111:region=eu-west-1': ['eu-west-1a', 'eu-west-1b'] };

  test('reads the zones recorded for the stack\'s account and Region', () => {
    expect(knownZones(new Stack(new App({ context }), 'S', { env: { account: '111111111111', region: 'eu-west-1' } }))).toEqual(['eu-west-1a', 'eu-west-1b']);
  });

  test('reads nothing for another environment, an agnostic stack or a record that is not a list of strings', () => {
    expect(knownZones(new Stack(new App({ context }), 'S', { env: { account: '111111111111', region: 'eu-west-2' } }))).toBeUndefined();
    expect(knownZones(new Stack(new App({ context }), 'S', { env: { region: 'eu-west-1' } }))).toBeUndefined();
    expect(knownZones(new Stack(new App({ context }), 'S', { env: { account: '111111111111' } }))).toBeUndefined();
    for (const zones of ['eu-west-1a', ['eu-west-1a', 1]]) {
      const app = new App({ context: { 'availability-zones:account=111111111111:region=eu-west-1': zones } });
      expect(knownZones(new Stack(app, 'S', { env: { account: '111111111111', region: 'eu-west-1' } }))).toBeUndefined();
    }
  });
});

describe('glueNameProblem', () => {
  test('accepts lower-case names with hyphens, dots, spaces, tabs and Unicode letters, up to 255 characters, and a token', () => {
    for (const name of ['trees', 'my-table.v2 final\tx', 'bäume', '木', '😀'.repeat(255), token]) {
      expect(problemsOf((p) => glueNameProblem(p, 'tableName', name, 'table'))).toEqual([]);
    }
  });

  test('refuses an empty name, one over 255 characters and one with control characters', () => {
    for (const name of ['', 'x'.repeat(256), 'a\u0001b', 'a\u001fb', 'a\ud800b', '😀'.repeat(256)]) {
      expect(problemsOf((p) => glueNameProblem(p, 'tableName', name, 'table'))).toEqual([`  - 'tableName' is '${name}': a Glue table name has 1-255 characters, no control characters (hyphens, dots and Unicode letters are allowed). Use the table's name as Glue shows it.`]);
    }
  });

  test('refuses an upper-case letter, naming the lower-case name', () => {
    expect(problemsOf((p) => glueNameProblem(p, 'databaseName', 'Sales', 'database'))).toEqual(["  - 'databaseName' is 'Sales': Glue stores database names in lower case, and the grants and the data source name the stored database. Write it in lower case, 'sales'."]);
  });
});
