namespace Alert;

/// <summary>Keeps API keys out of stored errors, logs and reports.</summary>
public static class Secrets
{
    /// <summary>Environment variables whose values are secrets.</summary>
    public static readonly string[] Variables = ["OPENAI_API_KEY", "ALERT_JUDGE_API_KEY", "AZURE_OPENAI_API_KEY"];

    public static string Redact(string text)
    {
        foreach (var name in Variables)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: >= 4 } value)
                text = text.Replace(value, "***", StringComparison.Ordinal);
        }
        return text;
    }
}
