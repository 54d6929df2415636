/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { NagMessageLevel } from 'cdk-nag';
import { ALL_RULES } from '../../../src/nag/rules';
import { renderRulesMd } from '../../../src/nag/rules-md';

// RULES.md, the findings' messages and the portal of a team's reviewers are all made from these fields: a rule
// without its text is a finding nobody can act on.
describe.each(ALL_RULES.map((rule) => [rule.id, rule] as const))('the catalogue entry of DataMesh-%s', (_id, rule) => {
  test('has an id of letters and a number, which is never reused by another rule', () => {
    expect(rule.id).toMatch(/^[A-Z]+[0-9]+$/);
    expect(ALL_RULES.filter((other) => other.id === rule.id)).toHaveLength(1);
  });

  test('is an error or a warning', () => {
    expect([NagMessageLevel.ERROR, NagMessageLevel.WARN]).toContain(rule.level);
  });

  test('reads CloudFormation or custom-resource types', () => {
    expect(rule.appliesTo.length).toBeGreaterThan(0);
    for (const type of rule.appliesTo) {
      expect(type).toMatch(/^(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+|Custom::[A-Za-z0-9]+|\*)$/);
    }
  });

  test('says what is wrong, why it matters, how to fix it and which checklist row it enforces, each in words', () => {
    for (const text of [rule.info, rule.explanation, rule.fix, rule.checklist]) {
      expect(text.trim().split(/\s+/).length).toBeGreaterThanOrEqual(4);
    }
    expect(rule.info).not.toEqual(rule.explanation);
    expect(rule.fix).not.toEqual(rule.explanation);
  });
});

// Runs with every mutation group: a rule's text changed without RULES.md (or the reverse) fails here.
test('RULES.md is the catalogue of the rule definitions, word for word', () => {
  expect(readFileSync(join(__dirname, '..', '..', '..', 'RULES.md'), 'utf-8')).toEqual(renderRulesMd());
});
