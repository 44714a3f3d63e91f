namespace Alert.Cli.Output;

/// <summary>How a command prints its tables: boxes on a terminal (aligned plain text off one), TSV or JSON.</summary>
public enum OutputFormat
{
    Table,
    Tsv,
    Json,
}
