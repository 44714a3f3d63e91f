using System.Diagnostics;
using System.Globalization;

namespace Alert.Bench;

/// <summary>
/// Runs <c>dotnet ARGS</c> in a child process and polls its high-water mark (VmHWM) from /proc: the memory benches'
/// one measurement. On failure the child's output is printed.
/// </summary>
internal static class ChildProcessPeak
{
    public static async Task<(int Exit, double Seconds, long PeakKb)> RunAsync(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peakKb = 0;
        while (!process.HasExited)
        {
            try
            {
                var line = File.ReadLines($"/proc/{process.Id}/status")
                    .FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (line is not null)
                    peakKb = Math.Max(peakKb, long.Parse(
                        line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The process ended between the check and the read.
            }
            await Task.Delay(50);
        }
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            Console.WriteLine((await stdout) + await stderr);
        return (process.ExitCode, clock.Elapsed.TotalSeconds, peakKb);
    }
}
