/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Fn, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { MeshIndex } from '../../../../src/nag/mesh-index';
import { notApplicable, pass } from '../../../../src/nag/rule';
import { TOOLING_BUCKET_KEY_ANNOUNCED } from '../../../../src/nag/rules/blueprint/tooling-bucket-key-announced';
import { dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter, l1Tooling } from '../../fixtures';

/** A hand-written Tooling bucket with the given default encryption. */
function toolingBucket(stack: Stack, sse: s3.CfnBucket.ServerSideEncryptionByDefaultProperty): s3.CfnBucket {
  return new s3.CfnBucket(stack, 'ToolingBucket', {
    bucketName: 'tooling-222222222222',
    bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: sse, bucketKeyEnabled: true }] },
  });
}

const bp4 = (stack: Stack) => dataMeshViolations(stack).filter((v) => v.ruleName.startsWith('DataMesh-BP4'));

/** The rule names BP4 reports for a Tooling configuration whose S3Location is `location`, next to the buckets `buckets` adds. */
function reportedFor(location: (stack: Stack) => unknown, buckets: (stack: Stack) => void, identifier?: string): string[] {
  const stack = testStack();
  buckets(stack);
  l1Tooling(stack, undefined, { identifier, parameters: { VpcId: 'vpc-1', Subnets: 'subnet-1,subnet-2', S3Location: location(stack) } });
  return bp4(stack).map((v) => v.ruleName);
}

/** A Tooling bucket encrypted with a customer managed key (the case BP4 flags without a KmsKeyArn). */
const cmkBucket = (stack: Stack) => toolingBucket(stack, { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:eu-west-1:222222222222:key/1' });

/** BP4's verdict on the stack's Tooling configuration, straight from the rule. */
function verdict(stack: Stack) {
  const mesh = MeshIndex.build(stack);
  const [configuration] = mesh.ofType(stack, 'AWS::DataZone::EnvironmentBlueprintConfiguration');
  return TOOLING_BUCKET_KEY_ANNOUNCED.check(configuration, mesh);
}

describe('DataMesh-BP4: a Tooling bucket encrypted with a customer managed key is announced to Tooling', () => {
  test('accepts a CMK-encrypted bucket whose key Tooling is told about (KmsKeyArn)', () => {
    const stack = testStack();
    const key = new kms.CfnKey(stack, 'Key', { enableKeyRotation: true });
    const bucket = toolingBucket(stack, { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.attrArn });
    l1Tooling(stack, 'subnet-1,subnet-2', { parameters: { VpcId: 'vpc-1', Subnets: 'subnet-1,subnet-2', S3Location: Fn.join('', ['s3://', bucket.ref]), KmsKeyArn: key.attrArn } });
    expect(bp4(stack)).toEqual([]);
  });

  test('accepts a bucket with S3 managed keys, which the project roles need no key permission for', () => {
    const stack = testStack();
    toolingBucket(stack, { sseAlgorithm: 'AES256' });
    l1Tooling(stack, 'subnet-1,subnet-2', { parameters: { VpcId: 'vpc-1', Subnets: 'subnet-1,subnet-2', S3Location: 's3://tooling-222222222222/projects' } });
    expect(bp4(stack)).toEqual([]);
  });

  test('flags a CMK-encrypted bucket, named literally or by reference, when no KmsKeyArn names the key', () => {
    for (const byReference of [false, true]) {
      const stack = testStack();
      const key = new kms.CfnKey(stack, 'Key', { enableKeyRotation: true });
      const bucket = toolingBucket(stack, { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.attrArn });
      const location = byReference ? Fn.join('', ['s3://', bucket.ref]) : 's3://tooling-222222222222';
      l1Tooling(stack, 'subnet-1,subnet-2', { parameters: { VpcId: 'vpc-1', Subnets: 'subnet-1,subnet-2', S3Location: location } });
      const [violation] = bp4(stack);
      expect(violation.ruleName).toBe('DataMesh-BP4[eu-west-1]');
      expect(violation.description).toMatch(/S3Location in eu-west-1 is bucket ToolingBucket, encrypted with a customer managed key, and no KmsKeyArn/);
    }
  });

  test('does not apply to other blueprints, nor to a bucket outside the stack', () => {
    const stack = testStack();
    l1Tooling(stack, undefined, { identifier: 'DataLake', parameters: {} });
    l1Tooling(stack, 'subnet-1,subnet-2', { parameters: { VpcId: 'vpc-1', Subnets: 'subnet-1,subnet-2', S3Location: 's3://someone-elses-bucket' } });
    expect(bp4(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when the bucket\'s encryption algorithm is a parameter', () => {
    const stack = testStack();
    toolingBucket(stack, { sseAlgorithm: deployTimeParameter(stack, 'Algorithm') });
    l1Tooling(stack, 'subnet-1,subnet-2', { parameters: { VpcId: 'vpc-1', Subnets: 'subnet-1,subnet-2', S3Location: 's3://tooling-222222222222' } });
    expect(bp4(stack)[0].description).toMatch(/could not evaluate: the SSEAlgorithm of ToolingBucket/);
  });
});

describe('DataMesh-BP4: which bucket an S3Location names', () => {
  test('flags the CMK bucket named by s3://<its name>, also through an Fn::Sub of its Ref', () => {
    expect(reportedFor(() => 's3://tooling-222222222222/projects', cmkBucket)).toEqual(['DataMesh-BP4[eu-west-1]']);
    expect(reportedFor(() => ({ 'Fn::Sub': ['s3://${B}/projects', { B: { Ref: 'ToolingBucket' } }] }), cmkBucket)).toEqual(['DataMesh-BP4[eu-west-1]']);
  });

  test('names no bucket of the stack for another bucket name, text before s3://, or a bare name (even with a bucket without BucketName)', () => {
    expect(reportedFor(() => 's3://someone-elses-bucket', cmkBucket)).toEqual([]);
    expect(reportedFor(() => 'xs3://tooling-222222222222', cmkBucket)).toEqual([]);
    const unnamed = (stack: Stack) => new s3.CfnBucket(stack, 'Unnamed', {
      bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:eu-west-1:222222222222:key/1' } }] },
    });
    expect(reportedFor(() => 'tooling-222222222222', unnamed)).toEqual([]);
  });

  test('does not apply to another blueprint even when its S3Location is a CMK bucket', () => {
    expect(reportedFor(() => 's3://tooling-222222222222', cmkBucket, 'DataLake')).toEqual([]);
  });
});

describe('DataMesh-BP4: what a bucket\'s default encryption says about its key', () => {
  test('finds no key in a bucket without default encryption', () => {
    expect(reportedFor(() => 's3://tooling-222222222222', (stack) => new s3.CfnBucket(stack, 'ToolingBucket', { bucketName: 'tooling-222222222222' }))).toEqual([]);
  });

  test('reads the first rule with a default encryption, past a null rule and one without it', () => {
    expect(reportedFor(() => 's3://tooling-222222222222', (stack) => cmkBucket(stack).addPropertyOverride('BucketEncryption.ServerSideEncryptionConfiguration', [
      null,
      { BucketKeyEnabled: true },
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:eu-west-1:222222222222:key/1' } },
    ]))).toEqual(['DataMesh-BP4[eu-west-1]']);
  });

  test('counts a key only under aws:kms or aws:kms:dsse, not a KMSMasterKeyID next to AES256', () => {
    const encrypted = (sseAlgorithm: string) => (stack: Stack) => toolingBucket(stack, { sseAlgorithm, kmsMasterKeyId: 'arn:aws:kms:eu-west-1:222222222222:key/1' });
    expect(reportedFor(() => 's3://tooling-222222222222', encrypted('aws:kms:dsse'))).toEqual(['DataMesh-BP4[eu-west-1]']);
    expect(reportedFor(() => 's3://tooling-222222222222', encrypted('AES256'))).toEqual([]);
  });
});

describe('DataMesh-BP4: its verdict', () => {
  test('does not apply to a Tooling configuration without regional parameters', () => {
    const stack = testStack();
    cmkBucket(stack);
    l1Tooling(stack, undefined).addPropertyDeletionOverride('RegionalParameters');
    expect(verdict(stack)).toEqual(notApplicable());
  });

  test('passes a Tooling configuration whose regional parameters name no CMK bucket', () => {
    const stack = testStack();
    cmkBucket(stack);
    l1Tooling(stack, 'subnet-1,subnet-2', { parameters: { VpcId: 'vpc-1', Subnets: 'subnet-1,subnet-2', S3Location: 's3://someone-elses-bucket' } });
    expect(verdict(stack)).toEqual(pass());
  });
});
