/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { literalString } from '../../mesh-index';
import { fail, pass, RuleDefinition } from '../../rule';

/** Data-lake settings in a mesh stack append to the account's admins instead of replacing them. */
export const DATA_LAKE_SETTINGS_APPEND: RuleDefinition = {
  id: 'LF4',
  // A warning: a stack that deliberately owns the account's settings (aws-cdk-lib's own CfnDataLakeSettings
  // example does) is correct; acknowledge it with that reason.
  level: NagMessageLevel.WARN,
  appliesTo: ['AWS::LakeFormation::DataLakeSettings'],
  checklist: 'Make the roles that grant and revoke Lake Formation permissions data-lake administrators',
  info: 'The data-lake settings do not set MutationType APPEND, so they replace the account\'s Lake Formation admins and settings.',
  explanation: 'PutDataLakeSettings replaces the account\'s whole admin list; without MutationType APPEND (no default is documented) AWS::LakeFormation::DataLakeSettings may replace it, and every admin the stack does not name, such as the platform team\'s, loses Lake Formation administration.',
  fix: 'If this stack owns the account\'s Lake Formation settings on purpose, acknowledge the finding with that reason. Otherwise set MutationType: APPEND (and RemovalPolicy RETAIN: what deleting an APPEND resource removes is not documented), or use ProducerDataProduct with manageDataLakeAdmins: true, which appends the missing admins and never removes one.',
  check: (settings) => {
    const mutation = settings.properties.MutationType;
    if (mutation === undefined) {
      return fail('no MutationType (no default is documented: assume REPLACE)');
    }
    const value = literalString(mutation, `the MutationType of ${settings.logicalId}`);
    return value === 'APPEND' ? pass() : fail(`MutationType ${value}`);
  },
};
