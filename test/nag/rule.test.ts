/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { CouldNotEvaluate, fail, failEach, isCouldNotEvaluate, notApplicable, pass, RuleDefinition, ruleId, tryRead, unverifiedId, withUnverified } from '../../src/nag/rule';

const RULE: RuleDefinition = {
  id: 'X1', level: NagMessageLevel.ERROR, appliesTo: ['*'], checklist: 'c', info: 'i', explanation: 'e', fix: 'f', check: () => pass(),
};

describe('the verdicts a rule returns', () => {
  test('pass, not applicable and a failure that says what was found', () => {
    expect([pass(), notApplicable(), fail('x')]).toEqual([
      { compliance: NagRuleCompliance.COMPLIANT }, { compliance: NagRuleCompliance.NOT_APPLICABLE }, { compliance: NagRuleCompliance.NON_COMPLIANT, found: 'x' },
    ]);
  });

  test('failEach is a pass without findings, else each finding under its key', () => {
    expect(failEach([])).toEqual(pass());
    expect(failEach([{ key: 'A', found: 'a' }])).toEqual({ compliance: 'FINDINGS', findings: [{ key: 'A', found: 'a' }] });
  });

  test('withUnverified keeps a verdict without what could not be read as it is, and adds to what it already holds', () => {
    const verdict = fail('x');
    expect(withUnverified(verdict, [])).toBe(verdict);
    expect(withUnverified(verdict, ['u1'])).toEqual({ ...verdict, unverified: ['u1'] });
    expect(withUnverified(withUnverified(pass(), ['u1']), ['u2', 'u3'])).toEqual({ compliance: NagRuleCompliance.COMPLIANT, unverified: ['u1', 'u2', 'u3'] });
  });

  test('a rule is reported as DataMesh-<id>, its unverified findings as DataMesh-<id>[Unverified]', () => {
    expect([ruleId(RULE), unverifiedId(RULE)]).toEqual(['DataMesh-X1', 'DataMesh-X1[Unverified]']);
  });
});

describe('reading a value that may be known only at deploy', () => {
  test('isCouldNotEvaluate knows its own error and one of another copy of the pack by its message, and nothing else', () => {
    expect(isCouldNotEvaluate(new CouldNotEvaluate('x'))).toBe(true);
    expect(isCouldNotEvaluate(new Error('could not evaluate: x is not known'))).toBe(true);
    expect(isCouldNotEvaluate(new Error('x could not evaluate: y'))).toBe(false);
    expect(isCouldNotEvaluate({ message: 'could not evaluate: x' })).toBe(false);
    expect(isCouldNotEvaluate('could not evaluate: x')).toBe(false);
  });

  test('tryRead returns what it read, or records what it could not read and returns nothing', () => {
    const unverified: string[] = [];
    expect(tryRead(unverified, () => 'value')).toBe('value');
    expect(unverified).toEqual([]);
    expect(tryRead(unverified, () => {
      throw new CouldNotEvaluate('the thing');
    })).toBeUndefined();
    expect(unverified).toEqual(['could not evaluate: the thing is not known at synth (a token, parameter or intrinsic function)']);
  });

  test('tryRead lets any other error through: a bug is not a value known only at deploy', () => {
    const unverified: string[] = [];
    expect(() => tryRead(unverified, () => {
      throw new TypeError('bug');
    })).toThrow('bug');
    expect(unverified).toEqual([]);
  });
});
