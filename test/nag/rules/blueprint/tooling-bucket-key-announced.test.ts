/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Fn, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
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
