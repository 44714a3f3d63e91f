using System.Globalization;

namespace Alert.Running;

/// <summary>
/// Which shard of a run this process is, read from the job scheduler that started it: a SLURM job array
/// (<c>SLURM_ARRAY_TASK_ID</c> relative to <c>SLURM_ARRAY_TASK_MIN</c>, of <c>SLURM_ARRAY_TASK_COUNT</c>) or a
/// Kubernetes Indexed Job (<c>JOB_COMPLETION_INDEX</c>, of <c>ALERT_SHARD_COUNT</c> set in the job's manifest).
/// </summary>
public static class SchedulerShard
{
    /// <summary>The variable a Kubernetes Indexed Job sets to its completions (the shard count).</summary>
    public const string ShardCountVariable = "ALERT_SHARD_COUNT";

    /// <summary>The 1-based shard index and the shard count; an <see cref="AlertException"/> says what is
    /// missing.</summary>
    public static (int Index, int Count) FromEnvironment(Func<string, string?> variable)
    {
        if (variable("SLURM_ARRAY_TASK_ID") is { Length: > 0 } slurmId)
        {
            var id = Number(variable, "SLURM_ARRAY_TASK_ID", slurmId);
            var min = variable("SLURM_ARRAY_TASK_MIN") is { Length: > 0 } m
                ? Number(variable, "SLURM_ARRAY_TASK_MIN", m) : 0;
            var count = variable("SLURM_ARRAY_TASK_COUNT") is { Length: > 0 } c
                ? Number(variable, "SLURM_ARRAY_TASK_COUNT", c)
                : throw new AlertException(
                    "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not (an array job sets both)");
            return Checked(id - min, count, $"SLURM_ARRAY_TASK_ID {id} - SLURM_ARRAY_TASK_MIN {min}");
        }
        if (variable("JOB_COMPLETION_INDEX") is { Length: > 0 } k8sIndex)
        {
            var index = Number(variable, "JOB_COMPLETION_INDEX", k8sIndex);
            var count = variable(ShardCountVariable) is { Length: > 0 } c
                ? Number(variable, ShardCountVariable, c)
                : throw new AlertException(
                    $"JOB_COMPLETION_INDEX is set but {ShardCountVariable} is not: set it in the Job's env to its " +
                    $"completions");
            return Checked(index, count, $"JOB_COMPLETION_INDEX {index}");
        }
        throw new AlertException(
            $"no scheduler shard variables: expected SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (a SLURM job " +
            $"array) or JOB_COMPLETION_INDEX and {ShardCountVariable} (a Kubernetes Indexed Job)");
    }

    private static int Number(Func<string, string?> variable, string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
            : throw new AlertException($"{name}='{value}' is not a whole number");

    private static (int Index, int Count) Checked(int zeroBased, int count, string what)
    {
        if (count < 1)
            throw new AlertException($"the shard count must be at least 1 (got {count})");
        if (zeroBased < 0 || zeroBased >= count)
            throw new AlertException($"{what} = {zeroBased} is outside 0..{count - 1}");
        return (zeroBased + 1, count);
    }
}
