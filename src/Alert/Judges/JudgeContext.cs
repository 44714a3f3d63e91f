namespace Alert.Judges;

/// <summary>What a judge is made with: the options, the clock, and the registry (a combining judge makes its
/// members).</summary>
public sealed record JudgeContext(JudgeOptions Options, TimeProvider? Time, JudgeRegistry Registry)
{
    /// <summary>Makes another judge from its spec with the same options (a cascade's or ensemble's members).</summary>
    public ISafetyJudge Create(string spec) => Registry.Create(spec, Options, Time);
}
