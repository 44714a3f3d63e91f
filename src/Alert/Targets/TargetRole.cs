namespace Alert.Targets;

/// <summary>What a model server is to a run, so that an error can say which settings to fix.</summary>
public enum TargetRole
{
    /// <summary>The model under test.</summary>
    Target,
    /// <summary>A model judge (Llama Guard, an LLM judge).</summary>
    Judge,
    /// <summary>An adaptive attack's attacker model.</summary>
    Attacker,
    /// <summary>An adaptive attack's scorer model.</summary>
    Scorer,
    /// <summary>An LLM prompt classifier.</summary>
    Classifier,
}
