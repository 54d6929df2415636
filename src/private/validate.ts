/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
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

  /** True when no problem was recorded. */
  public isEmpty(): boolean {
    return this.problems.length === 0;
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
  if (isUnresolved(value)) {
    // Never `${Token[...]}`: a token's value is known only at deploy.
    return 'a token (its value is known only at deploy)';
  }
  if (typeof value === 'string') {
    return `'${value}'`;
  }
  return JSON.stringify(value);
}

/**
 * Record a problem when `value` is not a 12-digit AWS account id. Organization and OU ARNs are
 * refused with their own explanation: AWS documents account principals only for domain shares.
 */
export function accountProblem(problems: InputProblems, prop: string, value: string): void {
  if (isUnresolved(value)) {
    problems.add(prop, value, 'an account id must be a literal here, known at synth, so that the mesh topology can be checked', 'Pass the 12-digit account id as a string.');
  } else if (/^arn:aws[a-z-]*:organizations::/.test(value) || /^(o|ou)-[a-z0-9-]+$/.test(value)) {
    problems.add(prop, value, 'an AWS Organization or organizational unit cannot be associated: AWS documents only account principals for domain shares (whether Organization or OU principals work is unconfirmed)', 'List the member accounts one by one.');
  } else if (!/^\d{12}$/.test(value)) {
    problems.add(prop, value, 'an AWS account id is exactly 12 digits', 'Pass the account id as a 12-digit string, with leading zeros.');
  }
}

/**
 * Record a problem when `name` is not a DataZone project name: 1-64 letters, digits, _, - and spaces
 * (`^[\w -]+$`, the CloudFormation schema of AWS::DataZone::Project), and not only spaces. A token is not
 * checked: DataZone checks it at deploy.
 */
export function projectNameProblem(problems: InputProblems, name: string | undefined, fix = 'Use the project\'s name as addProject() or the portal shows it.'): void {
  if (name === undefined || isUnresolved(name)) {
    return;
  }
  if (!/^[\w -]{1,64}$/.test(name) || name.trim() === '') {
    problems.add('projectName', name, 'a DataZone project name has 1-64 letters, digits, _, - and spaces, not only spaces', fix);
  }
}

/**
 * Record a problem when `region` is not a Region aws-cdk-lib's RegionInfo knows (`RegionInfo.regions`, the
 * Regions of the installed aws-cdk-lib). A token is not checked: an environment-agnostic stack's Region is
 * known only at deploy.
 */
export function regionProblem(problems: InputProblems, prop: string, region: string | undefined): void {
  if (region === undefined || isUnresolved(region)) {
    return;
  }
  const known = RegionInfo.regions.map((r) => r.name);
  if (!known.includes(region)) {
    const near = known.filter((r) => r.split('-').slice(0, 2).join('-') === region.split('-').slice(0, 2).join('-'));
    problems.add(prop, region, `it is not an AWS Region (Regions like it: ${near.join(', ') || known.slice(0, 3).join(', ') + ', …'})`,
      'Use the Region\'s code, e.g. eu-west-1; a Region newer than the installed aws-cdk-lib needs a newer aws-cdk-lib.');
  }
}

/**
 * The Availability Zones of `stack` recorded in the app's context (cdk.context.json, filled by a lookup),
 * without triggering a lookup; undefined when none are recorded or the environment is not known.
 */
export function knownZones(stack: Stack): string[] | undefined {
  if (Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)) {
    return undefined;
  }
  const zones = stack.node.tryGetContext(`availability-zones:account=${stack.account}:region=${stack.region}`);
  return Array.isArray(zones) && zones.every((z) => typeof z === 'string') ? zones : undefined;
}

/*
 * A Glue name, as botocore's glue model (NameString) allows it: 1-255 characters of the Unicode range
 * U+0020-U+D7FF, U+E000-U+FFFD and the astral planes, or tab; hyphens, dots and spaces included. Glue folds
 * table names to lower case when it stores them (TableInput.Name), and Lake Formation and DataZone name the
 * stored table, so an upper-case letter is refused with that fix.
 */
const GLUE_NAME = /^[\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}\t]{1,255}$/u;

/** Record a problem when `name` (of the Glue `what`, 'table' or 'database') is not a Glue name; a token is not checked. */
export function glueNameProblem(problems: InputProblems, prop: string, name: string, what: string): void {
  if (isUnresolved(name)) {
    return; // a token is checked by Glue at deploy
  }
  if (!GLUE_NAME.test(name)) { // with the u flag, {1,255} counts code points, as Glue does
    problems.add(prop, name, `a Glue ${what} name has 1-255 characters, no control characters (hyphens, dots and Unicode letters are allowed)`, `Use the ${what}'s name as Glue shows it.`);
  } else if (name !== name.toLowerCase()) {
    problems.add(prop, name, `Glue stores ${what} names in lower case, and the grants and the data source name the stored ${what}`, `Write it in lower case, '${name.toLowerCase()}'.`);
  }
}
