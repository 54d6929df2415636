/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */

/**
 * A SageMaker Unified Studio managed blueprint, by its API / CloudFormation name.
 *
 * An enum-like class: `TOOLING` (every project), `DATA_LAKE` (console label "Lakehouse Database":
 * a Glue database and an Athena workgroup per project), or any other managed blueprint with `of()`.
 */
export class ManagedBlueprint {
  /** Tooling: the project's IAM role, security groups and tools; part of every project profile. */
  public static readonly TOOLING = new ManagedBlueprint('Tooling', 'Tooling');
  /** DataLake, shown in the console as "Lakehouse Database": a Glue database and an Athena workgroup per project. */
  public static readonly DATA_LAKE = new ManagedBlueprint('DataLake', 'Lakehouse Database');
  /** LakehouseCatalog. */
  public static readonly LAKEHOUSE_CATALOG = new ManagedBlueprint('LakehouseCatalog', 'Lakehouse Catalog');
  /** RedshiftServerless. */
  public static readonly REDSHIFT_SERVERLESS = new ManagedBlueprint('RedshiftServerless', 'Redshift Serverless');
  /** EmrServerless. */
  public static readonly EMR_SERVERLESS = new ManagedBlueprint('EmrServerless', 'EMR Serverless');
  /** Workflows (Amazon MWAA). */
  public static readonly WORKFLOWS = new ManagedBlueprint('Workflows', 'Workflows');

  /**
   * Another managed blueprint, by its API name (1-36 letters, digits, `_` and `-`), e.g. `MLExperiments`.
   */
  public static of(name: string, label?: string): ManagedBlueprint {
    if (!/^[a-zA-Z0-9_-]{1,36}$/.test(name)) {
      throw new Error(`ManagedBlueprint.of(): 'name' is '${name}': a blueprint name has 1-36 letters, digits, _ and -. Use the API name, e.g. 'MLExperiments'.`);
    }
    return new ManagedBlueprint(name, label ?? name);
  }

  /** The API / CloudFormation name, e.g. `DataLake`. */
  public readonly name: string;

  /** The console label, e.g. `Lakehouse Database`. */
  public readonly label: string;

  private constructor(name: string, label: string) {
    this.name = name;
    this.label = label;
  }
}
