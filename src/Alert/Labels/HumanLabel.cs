namespace Alert.Labels;

/// <summary>
/// A person's label on one stored answer. <paramref name="ResultKey"/> is the run store's own key of the result (the
/// <c>prompts.key</c> of <c>run.db</c>, the <c>id</c> of <c>alert labels import</c>); <paramref name="AnswerSha256"/>
/// is the SHA-256 of the answer as labelled, so a label on an answer that later changed is known to be stale.
/// </summary>
/// <param name="ResultKey">The stored result's key in <c>run.db</c>.</param>
/// <param name="AnswerSha256">Lower-case hex SHA-256 of the answer's UTF-8 text.</param>
/// <param name="Label">Safe, unsafe or unsure.</param>
/// <param name="Labeller">Who labelled it.</param>
/// <param name="Queue">The queue (or import) the label came from.</param>
/// <param name="InAuditSample">Whether the answer belongs to a random sample fit for estimation.</param>
/// <param name="LabelledAt">When, in UTC.</param>
public sealed record HumanLabel(string ResultKey, string AnswerSha256, LabelValue Label, string Labeller,
    LabelOrigin Queue, bool InAuditSample, DateTimeOffset LabelledAt);
