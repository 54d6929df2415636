/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newestPython, runtimeNames } from '../util';

/**
 * The library's runtime module, loaded afresh with a fresh aws-cdk-lib that knows the runtimes it
 * knows plus `newer` ones (as a newer aws-cdk-lib would).
 */
function freshRuntimeModule(newer: string[] = []): typeof import('../../src/private/custom-resource') {
  let module: typeof import('../../src/private/custom-resource') | undefined;
  jest.isolateModules(() => {
    // A fresh module registry is reached through require() only.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const freshLambda: typeof lambda = require('aws-cdk-lib/aws-lambda');
    newer.forEach((name) => new freshLambda.Runtime(name, freshLambda.RuntimeFamily.PYTHON));
    module = require('../../src/private/custom-resource');
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
  return module!;
}

describe('the library\'s Lambda runtimes', () => {
  test('the handlers run on the newest Python runtime the installed aws-cdk-lib knows', () => {
    expect(freshRuntimeModule().HANDLER_RUNTIME.name).toBe(newestPython());
  });

  test('a newer aws-cdk-lib that knows a newer Python moves the handlers to it, compared as numbers (3.100 after 3.99)', () => {
    expect(freshRuntimeModule(['python3.99', 'python3.100']).HANDLER_RUNTIME.name).toBe('python3.100');
    expect(lambda.Runtime.ALL.map((r) => r.name)).not.toContain('python3.100');
  });

  test('the known runtimes of a family start at the minimum and are ordered by version', () => {
    const { knownRuntimes } = freshRuntimeModule();
    expect(knownRuntimes('python', [3, 10]).map((r) => r.name)).toEqual(runtimeNames('python', [3, 10]));
    expect(knownRuntimes('nodejs', [18]).map((r) => r.name)).toEqual(runtimeNames('nodejs', [18, 0]));
    expect(knownRuntimes('python', [3, 10])[0].name).toBe('python3.10');
  });

  test('a family the installed aws-cdk-lib does not know is a clear error', () => {
    expect(() => freshRuntimeModule().newestRuntime('cobol')).toThrow(/knows no Lambda runtime of the family 'cobol'/);
  });
});
