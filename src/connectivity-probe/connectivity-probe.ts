/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Annotations, CustomResource, Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from '../private/acknowledge';
import { acknowledgeProviderFramework, HANDLER_RUNTIME, managedPolicyFinding } from '../private/custom-resource';
import { handlersCode } from '../private/python-provider';
import { MeshEndpointService } from '../two-az-private-vpc/mesh-endpoint-service';
import type { TwoAzPrivateVpc } from '../two-az-private-vpc/two-az-private-vpc';

/** The CloudWatch namespace of the probe's metrics. */
export const PROBE_NAMESPACE = 'CdkDataMesh/Connectivity';

/** Options of a `ConnectivityProbe`. */
export interface ConnectivityProbeOptions {
  /**
   * How often the probe runs.
   *
   * @default Duration.minutes(15)
   */
  readonly schedule?: Duration;
  /**
   * Fail the deploy when a service is unreachable at deploy time.
   *
   * @default false - the deploy reports the result (the custom resource's `Summary`) and the alarm fires
   */
  readonly failDeployOnUnreachable?: boolean;
  /**
   * How long each connection may take.
   *
   * @default Duration.seconds(3)
   */
  readonly timeoutPerService?: Duration;
}

/** Properties of a `ConnectivityProbe`. */
export interface ConnectivityProbeProps extends ConnectivityProbeOptions {
  /** The mesh VPC whose endpoints the probe checks, from inside its Tooling subnets. */
  readonly network: TwoAzPrivateVpc;
}

/** A service the probe checks. */
interface ProbedService {
  readonly service: string;
  readonly hostname: string;
  readonly kind: 'interface' | 'gateway';
}

/**
 * Checks from inside the mesh VPC that the services it should reach privately are reachable: at
 * deploy (a custom resource) and on a schedule, with a CloudWatch metric per service and an alarm when
 * any is unreachable. The runtime side of DataMeshChecks' endpoint rules: a VPC can look right in the
 * template while a job's DNS or TLS to MWAA or Bedrock silently fails.
 *
 * The services are the VPC's interface endpoints (and S3, through its gateway endpoint). For each, a
 * Lambda function in the Tooling subnets resolves the regional hostname, checks that an interface
 * service resolves to private addresses, and opens a TLS connection on 443.
 */
export class ConnectivityProbe extends Construct {
  /** The probe function. */
  public readonly function: lambda.IFunction;
  /** The alarm that fires when any service is unreachable. */
  public readonly alarm: cloudwatch.IAlarm;

  constructor(scope: Construct, id: string, props: ConnectivityProbeProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const network = props.network;
    if (Token.isUnresolved(stack.region)) {
      throw new Error(`ConnectivityProbe at '${this.node.path}' has invalid input:\n  - 'network' is in a stack with no Region: the probe checks regional hostnames. Give the stack an env with a region.`);
    }
    // The probe publishes its metrics from the private subnets: CloudWatch must be reachable there.
    if (network.endpointSecurityGroup) {
      network.addInterfaceEndpoint(MeshEndpointService.CLOUDWATCH_MONITORING);
    } else {
      Annotations.of(this).addWarningV2('cdk-data-mesh:probe-metrics-endpoint',
        `The probe publishes its metrics to CloudWatch (monitoring.${stack.region}.amazonaws.com) from the VPC's private subnets, and this TwoAzPrivateVpc created no interface endpoints: make sure the VPC has an endpoint for com.amazonaws.${stack.region}.monitoring, or the probe's alarm stays in ALARM. The probe reports whether it reached it.`);
    }
    const services = probedServices(network, stack.region);
    const timeout = props.timeoutPerService ?? Duration.seconds(3);

    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: network.vpc,
      description: 'Connectivity probe: HTTPS out only',
      allowAllOutbound: false,
    });
    securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to the endpoints (and S3 through its gateway endpoint)');

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Connectivity probe: publishes its metrics and logs, from network interfaces in the mesh VPC',
    });
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'PublishProbeMetrics',
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': PROBE_NAMESPACE } },
    }));
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole'));
    logGroup.grantWrite(role);
    acknowledge(role, 'AwsSolutions-IAM5[Resource::*]', 'cloudwatch:PutMetricData supports no resource-level permissions; it is limited to the probe\'s namespace by the cloudwatch:namespace condition.');
    acknowledge(role, managedPolicyFinding('service-role/AWSLambdaVPCAccessExecutionRole'),
      'A function in a VPC needs to create and delete its network interfaces; AWS maintains the minimal managed policy for it.');

    const fn = new lambda.Function(this, 'Function', {
      runtime: HANDLER_RUNTIME,
      handler: 'connectivity_probe.index.handler',
      code: handlersCode(),
      role,
      logGroup,
      vpc: network.vpc,
      vpcSubnets: { subnets: network.subnets },
      securityGroups: [securityGroup],
      timeout: Duration.seconds(Math.min(900, 30 + timeout.toSeconds() * (services.length + 1))),
      description: 'cdk-data-mesh: checks that the mesh VPC reaches its services privately',
      environment: {
        PROBE_SERVICES: JSON.stringify(services),
        PROBE_TIMEOUT_SECONDS: String(timeout.toSeconds()),
        PROBE_VPC: network.vpcId,
      },
    });
    this.function = fn;

    new events.Rule(this, 'Schedule', {
      schedule: events.Schedule.rate(props.schedule ?? Duration.minutes(15)),
      description: 'cdk-data-mesh: runs the connectivity probe',
      targets: [new targets.LambdaFunction(fn)],
    });

    const provider = new cr.Provider(this, 'Provider', { onEventHandler: fn });
    acknowledgeProviderFramework(provider, [fn]);
    new CustomResource(this, 'AtDeploy', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::ConnectivityProbe',
      properties: {
        Services: services.map((s) => s.hostname),
        FailOnUnreachable: String(props.failDeployOnUnreachable ?? false),
      },
    });

    this.alarm = new cloudwatch.Alarm(this, 'UnreachableAlarm', {
      alarmDescription: `A service the mesh VPC should reach privately is unreachable (see the ${fn.node.path} logs)`,
      metric: new cloudwatch.Metric({
        namespace: PROBE_NAMESPACE,
        metricName: 'UnreachableServices',
        dimensionsMap: { Vpc: network.vpcId },
        statistic: 'Maximum',
        period: props.schedule ?? Duration.minutes(15),
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
  }
}

/** The services a VPC claims to reach: its interface endpoints, and S3 when it has the gateway endpoint. */
function probedServices(network: TwoAzPrivateVpc, region: string): ProbedService[] {
  const services: ProbedService[] = network.meshEndpointServices.map(({ prefix, serviceName }) => ({
    service: serviceName,
    hostname: hostnameOf(prefix, serviceName, region),
    kind: 'interface',
  }));
  // Where the probe publishes its own metrics: probed even when the VPC's endpoints are managed elsewhere.
  if (!services.some((s) => s.service === MeshEndpointService.CLOUDWATCH_MONITORING.serviceName)) {
    services.push({ service: 'monitoring', hostname: hostnameOf('com.amazonaws', 'monitoring', region), kind: 'interface' });
  }
  if (network.node.tryFindChild('S3Endpoint')) {
    services.push({ service: 's3', hostname: `s3.${region}.amazonaws.com`, kind: 'gateway' });
  }
  return services;
}

/**
 * The regional hostname of an endpoint service: `glue` → `glue.<region>.amazonaws.com`; dotted names
 * reverse (`sagemaker.api` → `api.sagemaker.<region>.amazonaws.com`); SageMaker Studio is
 * `studio.<region>.sagemaker.aws`.
 */
export function hostnameOf(prefix: string, serviceName: string, region: string): string {
  if (prefix === 'aws.sagemaker') {
    return `${serviceName}.${region}.sagemaker.aws`;
  }
  const parts = serviceName.split('.');
  return parts.length === 2 ? `${parts[1]}.${parts[0]}.${region}.amazonaws.com` : `${serviceName}.${region}.amazonaws.com`;
}
