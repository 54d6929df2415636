/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { START_DATA_SOURCE_RUN_TYPE } from '../../../contract';
import { literalString } from '../../mesh-index';
import { fail, notApplicable, pass, RuleDefinition } from '../../rule';

/** Something runs an enabled data source: a schedule, or a run started at deploy. */
export const DATA_SOURCE_RUNS: RuleDefinition = {
  id: 'LF5',
  level: NagMessageLevel.WARN,
  appliesTo: ['AWS::DataZone::DataSource'],
  checklist: 'Run the data source so that the tables are published',
  info: 'The data source has no schedule and nothing in the stack starts a run.',
  explanation: 'Whether creating a data source runs it is not documented. If it does not, nothing is imported or published, and a subscription that waits for the listing fails after its timeout with "was not published".',
  fix: 'Give the data source a Schedule, or start a run at deploy and wait for it (ProducerDataProduct does with a Custom::StartDataSourceRun whose DataSourceId refers to the data source); acknowledge with the reason if someone runs it by hand.',
  check: (dataSource, mesh) => {
    const enabled = dataSource.properties.EnableSetting;
    if (enabled !== undefined && literalString(enabled, `the EnableSetting of ${dataSource.logicalId}`) === 'DISABLED') {
      return notApplicable();
    }
    const schedule = dataSource.properties.Schedule;
    if (schedule?.Schedule !== undefined) {
      return pass();
    }
    return mesh.referrers(dataSource, START_DATA_SOURCE_RUN_TYPE, 'DataSourceId').length > 0 ? pass() : fail('no Schedule and no run started at deploy');
  },
};
