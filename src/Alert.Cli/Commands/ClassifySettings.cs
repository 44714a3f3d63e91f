using System.ComponentModel;
using Alert.Classification;
using Alert.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public class ClassifySettings : OutputSettings
{
    [CommandOption("--input <FILE>")]
    [Description("JSONL, CSV or .txt (one prompt a line) of prompts (or red-team transcripts: the first 'Human:' " +
        "turn is taken); '-' reads stdin (JSONL, or one prompt a line).")]
    public string? Input { get; init; }

    /// <summary>The <c>--input</c> that reads standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>The name messages give the input: <c>stdin</c> for <see cref="StandardInput"/>, else its
    /// path.</summary>
    public string InputName => Input == StandardInput ? "stdin" : Input!;

    /// <summary>The input's rows, from the file or standard input, with their line numbers and text.</summary>
    public async Task<List<(long Line, System.Text.Json.Nodes.JsonObject Row, string Text)>> ReadInputAsync(
        Infrastructure.CliEnvironment env, CancellationToken cancellationToken) =>
        Input == StandardInput
            ? await PromptTable.ReadAsync(env.Input, InputName, TextField, cancellationToken).ConfigureAwait(false)
            : await PromptTable.ReadAsync(Input!, TextField, cancellationToken).ConfigureAwait(false);

    [CommandOption("--text-field <NAME>")]
    [Description("The field or column holding the text.")]
    [DefaultValue("prompt")]
    public string TextField { get; init; } = "prompt";

    [CommandOption("--min-harm <P>")]
    [Description(
        "Below this probability of being a harmful request (the in-process prompt guard), a prompt is 'none' " +
        "whatever the learned stage says. Default: no such gate.")]
    public double? MinHarm { get; init; }

    [CommandOption("--classifier <SPEC>")]
    [Description(
        "'alert' (in-process: a softmax over MiniLM, keyword and prompt-guard features; default) or 'llm:MODEL' (a " +
        "chat model on an OpenAI-compatible server, or llm:ollama:MODEL).")]
    [DefaultValue("alert")]
    public string Classifier { get; init; } = "alert";

    [CommandOption("--base-url <URL>")]
    [Description("Server of an llm: classifier (default OPENAI_BASE_URL; key from OPENAI_API_KEY).")]
    public string? BaseUrl { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Input))
            return ValidationResult.Error("--input is required");
        if (Classifier != "alert" && !Classifier.StartsWith("llm:", StringComparison.Ordinal))
            return ValidationResult.Error("--classifier must be 'alert' or 'llm:MODEL'");
        return base.Validate();
    }

    /// <summary>The classifier this command uses (dispose it when done).</summary>
    public ICategoryClassifier CreateClassifier(Infrastructure.CliEnvironment env) =>
        ClassifierFactory.Create(Classifier, env.ModelServer(BaseUrl), MinHarm, env.OpenAIKey);
}
