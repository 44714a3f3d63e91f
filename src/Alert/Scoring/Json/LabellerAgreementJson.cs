namespace Alert.Scoring;

/// <summary>Two labellers' agreement as written.</summary>
internal sealed record LabellerAgreementJson(string First, string Second, int Common, double Agreement, double? Kappa);
