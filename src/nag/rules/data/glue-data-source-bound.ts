/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { literalString } from '../../mesh-index';
import { CouldNotEvaluate, fail, notApplicable, pass, RuleDefinition } from '../../rule';

/** Whether a property is set: absent, set, or (an Fn::If that may drop it) unknown at synth. */
function isSet(value: unknown, what: string): boolean {
  if (value === undefined || value === null || value === '') {
    return false;
  }
  if (typeof value === 'object' && 'Fn::If' in (value as object)) {
    throw new CouldNotEvaluate(what);
  }
  return true;
}

/** A Glue data source is bound to a project connection (V2) or environment (V1). */
export const GLUE_DATA_SOURCE_BOUND: RuleDefinition = {
  id: 'DS1',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::DataSource'],
  checklist: 'Bind a Glue data source to the project\'s lakehouse connection',
  info: 'The Glue data source names neither a ConnectionIdentifier nor an EnvironmentIdentifier.',
  explanation: 'In SageMaker Unified Studio (V2) projects a Glue data source runs through the project\'s lakehouse connection, created by the project\'s Tooling environment (MDAA passes it for SMUS projects); the DataZone resource provider refused a data source without an environment. Without either, creating or running the data source fails, and nothing is published.',
  fix: 'Set ConnectionIdentifier to the project\'s lakehouse connection (ProducerDataProduct looks it up at deploy with a Custom::ProjectEnvironmentLookup), or EnvironmentIdentifier for a V1 environment.',
  check: (dataSource) => {
    const type = literalString(dataSource.properties.Type, `the Type of ${dataSource.logicalId}`);
    if (type.toUpperCase() !== 'GLUE') {
      return notApplicable();
    }
    const connection = isSet(dataSource.properties.ConnectionIdentifier, `the ConnectionIdentifier of ${dataSource.logicalId}`);
    const environment = isSet(dataSource.properties.EnvironmentIdentifier, `the EnvironmentIdentifier of ${dataSource.logicalId}`);
    return connection || environment ? pass() : fail('no ConnectionIdentifier and no EnvironmentIdentifier');
  },
};
