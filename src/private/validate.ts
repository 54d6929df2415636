/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Problems with a construct's input, collected so that every problem is reported at once.
 *
 * Each message names the property, shows the value received, says what is allowed and how to fix it.
 */
export class InputProblems {
  private readonly problems: string[] = [];

  constructor(private readonly scope: IConstruct, private readonly construct: string) {}

  /** Record a problem with `prop`. */
  public add(prop: string, value: unknown, allowed: string, fix: string): void {
    this.problems.push(`'${prop}' is ${describe(value)}: ${allowed}. ${fix}`);
  }

  /** Throw one error listing every recorded problem, if there are any. */
  public throwIfAny(): void {
    if (this.problems.length === 0) {
      return;
    }
    const lines = this.problems.map((p) => `  - ${p}`).join('\n');
    throw new Error(`${this.construct} at '${this.scope.node.path}' has invalid input:\n${lines}`);
  }
}

/** True when `value` is a token (or a list containing one) whose value is unknown until deploy. */
export function isUnresolved(value: unknown): boolean {
  if (Array.isArray(value)) {
    return Token.isUnresolved(value) || value.some((v) => Token.isUnresolved(v));
  }
  return Token.isUnresolved(value);
}

/** A value as a user would write it, for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) {
    return 'missing';
  }
  if (typeof value === 'string') {
    return `'${value}'`;
  }
  return JSON.stringify(value);
}
