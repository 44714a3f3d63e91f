namespace Alert.Targets;

/// <summary>A batch job's state as the server reports it.</summary>
public sealed record BatchStatus(string Id, string Status, string? OutputFileId, string? ErrorFileId)
{
    public bool Finished => Status is "completed" or "failed" or "expired" or "cancelled";
}
