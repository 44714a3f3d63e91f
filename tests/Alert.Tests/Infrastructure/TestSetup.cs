using System.Runtime.CompilerServices;

namespace Alert.Tests.Infrastructure;

internal static class TestSetup
{
    /// <summary>
    /// Tests reuse model names on servers that answer differently, so the shared answer cache is off
    /// unless a test names its own (<c>--cache DIR</c>). Child processes inherit this.
    /// </summary>
    [ModuleInitializer]
    internal static void DisableSharedCache() => Environment.SetEnvironmentVariable("ALERT_NO_CACHE", "1");
}
