namespace Alert.Judges.Embedded;

/// <summary>How <c>alert judge train</c> fits a model.</summary>
public sealed record TrainingOptions
{
    /// <summary>The model's name.</summary>
    public string Name { get; init; } = "custom";
    /// <summary>Weight penalty; 0.3 transferred best across attack methods and targets (bench judge-cv).</summary>
    public double L2 { get; init; } = 0.3;
    /// <summary>Gradient-descent epochs of the logistic heads.</summary>
    public int Epochs { get; init; } = 300;
    /// <summary>
    /// Hidden units of a two-layer head (<see cref="MlpHead"/>) that gives the verdict; 0: the logistic head does. The
    /// shipped
    /// judges use 64: on the mixed labelled sets one linear boundary under-fits (bench judge-human, docs/judges.md).
    /// </summary>
    public int Hidden { get; init; }
    /// <summary>Passes of the two-layer head over the rows.</summary>
    public int HiddenEpochs { get; init; } = 30;
    /// <summary>Weight decay of the two-layer head.</summary>
    public double HiddenL2 { get; init; } = 1e-4;
    /// <summary>Two-layer heads trained from this many seeds and averaged (<see cref="MlpHead.TrainAveraged"/>); the
    /// shipped judges: 3.</summary>
    public int Seeds { get; init; } = 1;
    /// <summary>Folds for cross-validation; rows with the same group always share a fold.</summary>
    public int Folds { get; init; } = 5;
    /// <summary>What the model is trained from, recorded in it.</summary>
    public string TrainedFrom { get; init; } = "";
    /// <summary>
    /// The model's <see cref="EmbeddedJudgeModel.RefusalPrior"/>; null chooses it by the grouped
    /// cross-validation from <see cref="RefusalPriors"/>. The shipped judges use 0.4 (<see cref="Shipped"/>).
    /// </summary>
    public double? RefusalPrior { get; init; }

    /// <summary>
    /// The shipped judges' recipe (scripts/train-embedded-judge.sh passes the same as flags): three two-layer heads of
    /// 64
    /// units from three seeds, averaged, and the refusal prior 0.4. The benches that refit a shipped head use it.
    /// </summary>
    public static TrainingOptions Shipped { get; } = new() { Hidden = 64, Seeds = 3, RefusalPrior = 0.4 };

    /// <summary>The refusal priors cross-validation chooses from.</summary>
    public static readonly double[] RefusalPriors = [0, 0.4, 0.85, 1.2];

    /// <summary>
    /// Log-odds margin at which the early reading (the last chunk alone) settles a verdict; 2 settles about 21% of
    /// multi-chunk answers with the full reading's verdict on 97.8% of them (bench judge-human ... early).
    /// </summary>
    public double EarlyExitMargin { get; init; } = 2.0;
}
