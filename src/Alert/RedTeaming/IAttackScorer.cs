namespace Alert.RedTeaming;

/// <summary>
/// The in-loop scorer of a search: how fully an answer carries out the goal, 1 (refused) to 10 (done). It steers the
/// search only; the run's judge gives the verdict that is reported.
/// </summary>
public interface IAttackScorer
{
    /// <summary>A stable identity, recorded in the run.</summary>
    string Name { get; }

    /// <summary>The rating, or a null rating when the scorer's answer cannot be read (unknown, never a
    /// success).</summary>
    Task<AttackRating> RateAsync(string goal, string prompt, string response,
        CancellationToken cancellationToken = default);

    /// <summary>Whether a prompt still asks for the goal (TAP's first pruning); null when the scorer cannot say (a
    /// judge), which keeps it.</summary>
    Task<bool?> IsOnTopicAsync(string goal, string prompt, CancellationToken cancellationToken = default) =>
        Task.FromResult<bool?>(null);
}
