/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App } from 'aws-cdk-lib';
import { testApp } from './util';

/**
 * One invalid value of one public prop: the prop's name, the value, and the fragments the refusal must
 * contain (what is allowed and how to fix it). `shown` is the value as the message shows it, when that is
 * not the value itself (a Duration is shown as '<n> seconds', a list as its JSON).
 */
export interface InvalidRow<T> {
  readonly prop: string;
  readonly value: T;
  readonly shown?: string;
  readonly expect: string[];
}

/** One valid edge value that synth must accept: a name for the test, and the value. */
export interface ValidRow<T> {
  readonly name: string;
  readonly value: T;
}

/** A row's value as the refusal shows it. */
export function shownValue(row: InvalidRow<unknown>): string {
  if (row.shown !== undefined) {
    return row.shown;
  }
  return typeof row.value === 'string' ? `'${row.value}'` : JSON.stringify(row.value);
}

/**
 * Build a minimal valid configuration with one bad value (`build` defines it in `app`), synthesize it
 * (validations and the CloudFormation schema check run), and return the error message synth or the
 * constructor threw. Fails the test when nothing refused the configuration.
 */
export function refusal(build: (app: App) => void): string {
  const app = testApp();
  try {
    build(app);
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the configuration was accepted: expected synth to refuse it');
}

/**
 * Expect the configuration to be refused with a message that names the prop (quoted), shows the value
 * (resolved, never a token), and contains every fragment of the row.
 */
export function expectRefused<T>(row: InvalidRow<T>, build: (app: App, value: T) => void): void {
  const message = refusal((app) => build(app, row.value));
  expect(message).toContain(`'${row.prop}'`);
  expect(message).toContain(shownValue(row));
  for (const fragment of row.expect) {
    expect(message).toContain(fragment);
  }
  expect(message).not.toMatch(/\$\{Token\[/);
}

/** Expect the configuration to synthesize without error (validations and the schema check included). */
export function expectAccepted<T>(row: ValidRow<T>, build: (app: App, value: T) => void): void {
  const app = testApp();
  build(app, row.value);
  expect(() => app.synth()).not.toThrow();
}
