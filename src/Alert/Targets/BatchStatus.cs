namespace Alert.Targets;

/// <summary>A batch job's state as the server reports it.</summary>
public sealed record BatchStatus(string Id, string Status, string? OutputFileId, string? ErrorFileId)
{
    /// <summary>Whether the batch has ended, well or not.</summary>
    public bool Finished => Status is "completed" or "failed" or "expired" or "cancelled";
}
