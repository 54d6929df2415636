/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 *
 * What the benchmarks share about validation at synth: the calls aws-cdk-lib makes to a registered validation
 * plugin (`Validations.of(app).addPlugins(...)`), and the once-per-stack way to run a cdk-nag pack that the
 * README documents (`AwsSolutionsOncePerStack`, the same code as the README's snippet).
 */
import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';

/**
 * The validation calls aws-cdk-lib makes at synth for a plugin registered on the app: one per environment, with
 * that environment's stacks, and the whole construct tree as `appConstruct` (aws-cdk-lib
 * `core/lib/private/synthesis-validation.js`, `invokeSinglePlugin`).
 */
export function validationCalls(app: IConstruct, assembly: CloudAssembly): IPolicyValidationContext[] {
  const byEnvironment = new Map<string, typeof assembly.stacks>();
  for (const stack of assembly.stacks) {
    const key = `${stack.environment.account}/${stack.environment.region}`;
    byEnvironment.set(key, [...(byEnvironment.get(key) ?? []), stack]);
  }
  return [...byEnvironment.values()].map((stacks) => ({
    templatePaths: stacks.map((s) => s.templateFullPath),
    stackTemplates: stacks.map((s) => ({ stackConstructPath: s.hierarchicalId, templatePath: s.templateFullPath })),
    appConstruct: app,
    accountId: stacks[0].environment.account,
    region: stacks[0].environment.region,
  }));
}

/**
 * AwsSolutionsChecks, checking each stack once: aws-cdk-lib calls a plugin once per environment with the whole
 * app (`appConstruct`), and cdk-nag 3's `validate` walks all of it each time; this plugin checks only the
 * stacks of the call (`validateScope(stack)`), so each stack is checked once in all. The README shows it.
 */
export class AwsSolutionsOncePerStack implements IPolicyValidationPlugin {
  public readonly name = 'AwsSolutions';

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const violations: PolicyViolation[] = [];
    let success = true;
    for (const template of context.stackTemplates) {
      // The stack at that construct path: walk down from the app, one id at a time.
      let stack: IConstruct = context.appConstruct;
      for (const id of template.stackConstructPath.split('/')) {
        stack = stack.node.findChild(id);
      }
      for (const violation of new AwsSolutionsChecks().validateScope(stack).violations) {
        violations.push(violation);
        if (violation.severity === 'error') {
          success = false;
        }
      }
    }
    return { success, violations };
  }
}
