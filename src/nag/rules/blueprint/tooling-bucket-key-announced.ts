/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { isTooling, regionalParameters } from './blueprint';
import { IndexedResource, MeshIndex, referencedLogicalId } from '../../mesh-index';
import { CouldNotEvaluate, Finding, failEach, notApplicable, RuleDefinition } from '../../rule';

/** The bucket of the stack that an `S3Location` value names (`s3://<bucket>…` literally or through a Ref), if any. */
function bucketOf(configuration: IndexedResource, location: unknown, mesh: MeshIndex): IndexedResource | undefined {
  const buckets = mesh.ofType(configuration.stack, 'AWS::S3::Bucket');
  if (typeof location === 'string') {
    const name = /^s3:\/\/([^/]+)/.exec(location)?.[1];
    // Not an s3:// URI (BP5 flags it): no bucket, not even one without a BucketName.
    return name === undefined ? undefined : buckets.find((b) => b.properties.BucketName === name);
  }
  const referenced = new Set<string>();
  const walk = (v: unknown): void => {
    const id = referencedLogicalId(v);
    if (id !== undefined) {
      referenced.add(id);
    } else if (v && typeof v === 'object') {
      // An object or a list (whose values are its elements).
      Object.values(v).forEach(walk);
    }
  };
  walk(location);
  return buckets.find((b) => referenced.has(b.logicalId));
}

/** The customer managed key a bucket's default encryption names, or undefined for S3 managed or AWS managed keys. */
function bucketKeyOf(bucket: IndexedResource): unknown {
  const rules = bucket.properties.BucketEncryption?.ServerSideEncryptionConfiguration;
  if (!Array.isArray(rules)) {
    return undefined;
  }
  const sse = rules.map((r: any) => r?.ServerSideEncryptionByDefault).find((d: any) => d !== undefined);
  if (sse && typeof sse.SSEAlgorithm !== 'string') {
    throw new CouldNotEvaluate(`the SSEAlgorithm of ${bucket.logicalId}`);
  }
  return sse && String(sse.SSEAlgorithm).startsWith('aws:kms') ? sse.KMSMasterKeyID : undefined;
}

/** A Tooling bucket encrypted with a customer managed key is announced to the Tooling blueprint (`KmsKeyArn`). */
export const TOOLING_BUCKET_KEY_ANNOUNCED: RuleDefinition = {
  id: 'BP4',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::EnvironmentBlueprintConfiguration'],
  checklist: 'Enable the Tooling blueprint on the account VPC: choose the VPC and its private subnets',
  info: 'The Tooling blueprint\'s S3Location is a bucket encrypted with a customer managed KMS key, but the Region\'s parameters do not name the key (KmsKeyArn).',
  explanation: 'Project roles may use only the KMS key they are tagged with (the managed project-role policy allows kms:GenerateDataKey and kms:Decrypt on key/${aws:PrincipalTag/KmsKeyId}). A key Tooling is not told about is never tagged, so the projects cannot write to or read from their own storage: Athena results, notebooks and uploads fail.',
  fix: 'Add KmsKeyArn: <the key\'s ARN> to the Tooling regional parameters (MeshMemberAccount does with toolingBucketKey), or encrypt the Tooling bucket with S3 managed keys (MeshMemberAccount\'s default).',
  check: (configuration, mesh) => {
    if (!isTooling(configuration)) {
      return notApplicable();
    }
    const findings: Finding[] = [];
    for (const [region, parameters] of regionalParameters(configuration)) {
      const bucket = bucketOf(configuration, parameters.S3Location, mesh);
      if (!bucket) {
        continue; // a bucket outside this stack: its encryption is not in the template
      }
      const key = bucketKeyOf(bucket);
      if (key !== undefined && parameters.KmsKeyArn === undefined) {
        findings.push({ key: region, found: `S3Location in ${region} is bucket ${bucket.logicalId}, encrypted with a customer managed key, and no KmsKeyArn` });
      }
    }
    // With no regional parameters there are no findings either.
    return regionalParameters(configuration).size === 0 ? notApplicable() : failEach(findings);
  },
};
