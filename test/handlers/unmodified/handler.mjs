// An unmodified consumer function: default AWS SDK for JavaScript v3 clients, no role ARN, no assume-role call.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { GetTableCommand, GlueClient } from '@aws-sdk/client-glue';

export const handler = async () => {
  const identity = await new STSClient({}).send(new GetCallerIdentityCommand({}));
  const table = await new GlueClient({}).send(new GetTableCommand({ DatabaseName: process.env.MESH_GLUE_DATABASE ?? 'collections', Name: 'trees' }));
  return { arn: identity.Arn, table: table.Table.Name };
};
