namespace Alert.Common;

/// <summary>The user's cache directory, shared by the built-in benchmark and the answer cache.</summary>
public static class UserCache
{
    /// <summary>By default <c>~/.cache/alert</c>; an application may move it at start-up (the CLI reads
    /// <c>ALERT_CACHE_DIR</c>).</summary>
    public static string Directory { get; set; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "alert");
}
