/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { describe } from '../private/validate';

/**
 * An AWS service that a mesh VPC reaches through an interface VPC endpoint.
 *
 * An enum-like class: the static members are the services the SageMaker Unified Studio
 * Tooling blueprint and the jobs it launches (Glue, Athena, Redshift, EMR, MWAA, Bedrock,
 * SageMaker) need privately, plus the services every mesh account calls (STS, Lake
 * Formation, DataZone, KMS, CloudWatch Logs). `MeshEndpointService.of()` adds any other.
 */
export class MeshEndpointService {
  /** AWS Glue (`com.amazonaws.<region>.glue`). */
  public static readonly GLUE = new MeshEndpointService('glue', 'Glue', 'Glue');
  /** Amazon Athena. */
  public static readonly ATHENA = new MeshEndpointService('athena', 'Athena', 'Athena');
  /** Amazon Redshift (provisioned clusters API). */
  public static readonly REDSHIFT = new MeshEndpointService('redshift', 'Redshift', 'Redshift');
  /** Amazon Redshift Data API. */
  public static readonly REDSHIFT_DATA = new MeshEndpointService('redshift-data', 'Redshift', 'RedshiftData');
  /** Amazon Redshift Serverless. */
  public static readonly REDSHIFT_SERVERLESS = new MeshEndpointService('redshift-serverless', 'Redshift', 'RedshiftServerless');
  /** Amazon EMR on EC2 (`elasticmapreduce`). */
  public static readonly EMR = new MeshEndpointService('elasticmapreduce', 'EMR', 'Emr');
  /** Amazon EMR Serverless. */
  public static readonly EMR_SERVERLESS = new MeshEndpointService('emr-serverless', 'EMR', 'EmrServerless');
  /** Amazon MWAA web server API (`airflow.api`). */
  public static readonly MWAA_API = new MeshEndpointService('airflow.api', 'MWAA', 'MwaaApi');
  /** Amazon MWAA environment (`airflow.env`). */
  public static readonly MWAA_ENV = new MeshEndpointService('airflow.env', 'MWAA', 'MwaaEnv');
  /**
   * Amazon MWAA operations (`airflow.ops`). Not among the defaults: AWS's PrivateLink page for Amazon MWAA
   * lists only `airflow.api` and `airflow.env`, and an endpoint for a service name that does not exist in
   * the Region fails the stack. Pass it in `endpoints` only where `aws ec2 describe-vpc-endpoint-services`
   * lists it.
   */
  public static readonly MWAA_OPS = new MeshEndpointService('airflow.ops', 'MWAA', 'MwaaOps');
  /** Amazon Bedrock control plane. */
  public static readonly BEDROCK = new MeshEndpointService('bedrock', 'Bedrock', 'Bedrock');
  /** Amazon Bedrock runtime (model invocation). */
  public static readonly BEDROCK_RUNTIME = new MeshEndpointService('bedrock-runtime', 'Bedrock', 'BedrockRuntime');
  /** Amazon SageMaker API. */
  public static readonly SAGEMAKER_API = new MeshEndpointService('sagemaker.api', 'SageMaker', 'SageMakerApi');
  /** Amazon SageMaker runtime. */
  public static readonly SAGEMAKER_RUNTIME = new MeshEndpointService('sagemaker.runtime', 'SageMaker', 'SageMakerRuntime');
  /** Amazon SageMaker Studio (`aws.sagemaker.<region>.studio`). */
  public static readonly SAGEMAKER_STUDIO = new MeshEndpointService('studio', 'SageMaker', 'SageMakerStudio', 'aws.sagemaker');
  /** AWS STS. */
  public static readonly STS = new MeshEndpointService('sts', 'STS', 'Sts');
  /** AWS Lake Formation. */
  public static readonly LAKE_FORMATION = new MeshEndpointService('lakeformation', 'Lake Formation', 'LakeFormation');
  /** Amazon DataZone (the SageMaker Unified Studio domain APIs). */
  public static readonly DATAZONE = new MeshEndpointService('datazone', 'DataZone', 'DataZone');
  /** AWS KMS. */
  public static readonly KMS = new MeshEndpointService('kms', 'KMS', 'Kms');
  /** Amazon CloudWatch Logs. */
  public static readonly CLOUDWATCH_LOGS = new MeshEndpointService('logs', 'CloudWatch Logs', 'Logs');
  /**
   * Amazon CloudWatch metrics (`monitoring`). Not among the defaults: `addConnectivityProbe()` adds it,
   * since the probe publishes its metrics from the VPC's private subnets.
   */
  public static readonly CLOUDWATCH_MONITORING = new MeshEndpointService('monitoring', 'CloudWatch', 'Monitoring');

  /**
   * The endpoints a new `TwoAzPrivateVpc` creates unless told otherwise: every static member of this class
   * except `MWAA_OPS` (not on AWS's current Amazon MWAA PrivateLink page) and `CLOUDWATCH_MONITORING`
   * (added with a connectivity probe).
   */
  public static defaults(): MeshEndpointService[] {
    return [
      MeshEndpointService.GLUE,
      MeshEndpointService.ATHENA,
      MeshEndpointService.REDSHIFT,
      MeshEndpointService.REDSHIFT_DATA,
      MeshEndpointService.REDSHIFT_SERVERLESS,
      MeshEndpointService.EMR,
      MeshEndpointService.EMR_SERVERLESS,
      MeshEndpointService.MWAA_API,
      MeshEndpointService.MWAA_ENV,
      MeshEndpointService.BEDROCK,
      MeshEndpointService.BEDROCK_RUNTIME,
      MeshEndpointService.SAGEMAKER_API,
      MeshEndpointService.SAGEMAKER_RUNTIME,
      MeshEndpointService.SAGEMAKER_STUDIO,
      MeshEndpointService.STS,
      MeshEndpointService.LAKE_FORMATION,
      MeshEndpointService.DATAZONE,
      MeshEndpointService.KMS,
      MeshEndpointService.CLOUDWATCH_LOGS,
    ];
  }

  /**
   * Any other AWS service with an interface endpoint.
   *
   * @param serviceName the part after the region, e.g. `ssm` for `com.amazonaws.<region>.ssm`
   * @param prefix the part before the region
   * @default prefix 'com.amazonaws'
   */
  public static of(serviceName: string, prefix?: string): MeshEndpointService {
    const problems: string[] = [];
    // A token cannot name the endpoint's construct (its id is made from the name), so both must be literals.
    const regionIn = (value: string) => RegionInfo.regions.map((r) => r.name).find((r) => value.split('.').includes(r));
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(serviceName)) {
      problems.push(`'serviceName' is ${describe(serviceName)}: a service name is lower-case letters, digits, dots and hyphens, known at synth. Use the lower-case name after the Region, e.g. 'ssm' for com.amazonaws.<region>.ssm.`);
    } else if (regionIn(serviceName) !== undefined || serviceName.startsWith('com.amazonaws.')) {
      problems.push(`'serviceName' is ${describe(serviceName)}: it is the part after the Region, not the whole endpoint service name. Pass '${serviceName.split('.').slice(serviceName.split('.').indexOf(regionIn(serviceName) ?? '') + 1 || 2).join('.')}' (and the part before the Region as 'prefix').`);
    }
    if (prefix !== undefined) {
      if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(prefix)) {
        problems.push(`'prefix' is ${describe(prefix)}: the part before the Region is dot-separated lower-case labels, known at synth. Use e.g. 'com.amazonaws' (the default) or 'aws.sagemaker'.`);
      } else if (regionIn(prefix) !== undefined) {
        problems.push(`'prefix' is ${describe(prefix)}: the part before the Region, without the Region (the endpoint adds the stack's). Use '${prefix.split('.').slice(0, prefix.split('.').indexOf(regionIn(prefix)!)).join('.')}'.`);
      }
    }
    if (problems.length > 0) {
      throw new Error(`MeshEndpointService.of() has invalid input:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
    const id = serviceName.split(/[.-]/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
    return new MeshEndpointService(serviceName, serviceName, id, prefix);
  }

  /**
   * The service's name after the region, e.g. `glue` or `airflow.api`.
   */
  public readonly serviceName: string;

  /**
   * The mesh service this endpoint serves, e.g. `MWAA` for all three Airflow endpoints.
   */
  public readonly meshService: string;

  /**
   * The construct id of the endpoint (`<constructId>Endpoint` in the VPC construct).
   */
  public readonly constructId: string;

  /**
   * The part of the endpoint service name before the region.
   */
  public readonly prefix: string;

  private constructor(serviceName: string, meshService: string, constructId: string, prefix?: string) {
    this.serviceName = serviceName;
    this.meshService = meshService;
    this.constructId = constructId;
    this.prefix = prefix ?? 'com.amazonaws';
  }

  /**
   * The aws-cdk-lib service object for an interface endpoint.
   */
  public toInterfaceVpcEndpointService(): ec2.IInterfaceVpcEndpointService {
    return new ec2.InterfaceVpcEndpointAwsService(this.serviceName, this.prefix);
  }
}
