namespace Alert.Labels;

/// <summary>What an import did: labels written (of them, in the audit sample) and where.</summary>
/// <param name="Imported">Labels written.</param>
/// <param name="Audit">Of them, declared part of a random sample fit for estimation.</param>
/// <param name="Stale">Imported labels whose answer hash (from the file) no longer matches the stored answer.</param>
/// <param name="LabelFile">The label store written to.</param>
public sealed record LabelImportResult(int Imported, int Audit, int Stale, string LabelFile);
