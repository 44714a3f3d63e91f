using System.Net;

namespace Alert.Benchmark.Hub;

/// <summary>One clear line for each way the Hub says no: gated or private, unknown dataset, revision or file.</summary>
internal sealed class HubErrors(HubSettings settings)
{
    /// <summary>The error for a failed revision request.</summary>
    public AlertException ForRevision(HttpResponseMessage response, HubDatasetSpec spec)
    {
        if (IsDenied(response.StatusCode))
            return Gated(spec.Repo, response.StatusCode);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return ErrorCode(response) switch
            {
                "RevisionNotFound" => new AlertException(
                    $"unknown revision '{spec.Revision}' of dataset {spec.Repo} on {settings.Endpoint}"),
                "RepoNotFound" => new AlertException($"unknown dataset {spec.Repo} on {settings.Endpoint}"),
                _ => new AlertException($"unknown dataset or revision: {settings.Endpoint} has no dataset {spec.Repo} "
                    + $"at revision '{spec.Revision}'"),
            };
        }
        return Unexpected(response);
    }

    /// <summary>The error for a failed file request.</summary>
    public AlertException ForFile(HttpResponseMessage response, string repo, string commit, string path)
    {
        if (IsDenied(response.StatusCode))
            return Gated(repo, response.StatusCode);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return new HubFileNotFoundException($"unknown file: dataset {repo} has no '{path}' at commit {commit}");
        return Unexpected(response);
    }

    private AlertException Gated(string repo, HttpStatusCode code)
    {
        var page = $"{settings.Endpoint}/datasets/{repo}";
        if (settings.Token is null)
        {
            return new AlertException($"dataset {repo} is gated or private and no token was found: accept its "
                + $"conditions at {page} (signed in), then set {HubSettings.TokenVariable} to an access token of that "
                + $"account (or save it in the file {HubSettings.TokenPathVariable} names, by default $HF_HOME/token)");
        }
        // Where the token came from, never the token: the variable's name or the file's path.
        var source = settings.TokenSource switch
        {
            null => "the token given",
            HubSettings.TokenVariable or HubSettings.LegacyTokenVariable => $"the token in {settings.TokenSource}",
            var file => $"the token in the file {file}",
        };
        // The Hub answers 401 to a token it does not know (mistyped, revoked) and 403 to one without access.
        return code == HttpStatusCode.Unauthorized
            ? new AlertException($"dataset {repo} is gated or private and {source} is not valid (revoked or "
                + $"mistyped?): create a token at {settings.Endpoint}/settings/tokens, with access to {page}")
            : new AlertException($"dataset {repo} is gated or private and {source} has no access: accept its "
                + $"conditions at {page} with the token's account, or use another token");
    }

    private static AlertException Unexpected(HttpResponseMessage response) =>
        new($"{response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Path)} answered "
            + $"{(int)response.StatusCode} {response.ReasonPhrase}");

    private static bool IsDenied(HttpStatusCode code) =>
        code is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    private static string? ErrorCode(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Error-Code", out var values) ? values.FirstOrDefault() : null;
}
