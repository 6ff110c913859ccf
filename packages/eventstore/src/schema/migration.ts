/** One step of the schema: applied once, in order, recorded in `<schema>.eventstore_migrations`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Statements with `{schema}` standing for the quoted schema name. */
  readonly statements: readonly string[];
}
