/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { readFileSync } from 'fs';
import { diffLogicalIds, exampleLogicalIds, LOGICAL_IDS_RECORD, LogicalIds } from '../../scripts/logical-ids';

describe('the example mesh\'s logical ids (public API)', () => {
  test('are the ones test/examples/logical-ids.json records', () => {
    const recorded: LogicalIds = JSON.parse(readFileSync(LOGICAL_IDS_RECORD, 'utf-8'));
    const changes = diffLogicalIds(recorded, exampleLogicalIds());
    if (changes.length > 0) {
      throw new Error([
        `The example's logical ids differ from ${'test/examples/logical-ids.json'}:`,
        ...changes.map((c) => `  ${c}`),
        'A changed logical id makes CloudFormation replace the resource in every user\'s deployment (a new resource is',
        'created and the old one deleted, or orphaned under RETAIN). Keep the construct ids unless the replacement is',
        'intended; if it is, run `npx projen logical-ids`, commit test/examples/logical-ids.json in the same commit and',
        'say in the change log which resources users\' deployments replace.',
      ].join('\n'));
    }
    expect(changes).toEqual([]);
  }, 600_000);
});

describe('the logical-id comparison', () => {
  const recorded = { A: ['Bucket: AWS::S3::Bucket', 'Role: AWS::IAM::Role'] };

  test('names the ids added, removed and changed in type', () => {
    expect(diffLogicalIds(recorded, { A: ['Bucket: AWS::S3::BucketPolicy', 'Key: AWS::KMS::Key'] })).toEqual([
      'A: changed Bucket from AWS::S3::Bucket to AWS::S3::BucketPolicy',
      'A: added Key (AWS::KMS::Key)',
      'A: removed Role (AWS::IAM::Role)',
    ]);
  });

  test('names stacks added and removed', () => {
    expect(diffLogicalIds(recorded, { B: [] })).toEqual(['stack A: removed (in the record, not synthesized)', 'stack B: added (not in the record)']);
  });

  test('finds nothing when the ids agree', () => {
    expect(diffLogicalIds(recorded, { A: [...recorded.A] })).toEqual([]);
  });
});
