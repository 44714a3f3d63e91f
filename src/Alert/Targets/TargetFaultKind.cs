namespace Alert.Targets;

/// <summary>A failure that another attempt will not mend: the server or its settings are wrong.</summary>
public enum TargetFaultKind
{
    /// <summary>Nothing listens there: connection refused, or the host name does not resolve.</summary>
    Unreachable,
    /// <summary>The server refused the credentials (HTTP 401 or 403).</summary>
    Unauthorized,
    /// <summary>HTTP 404: an unknown model, or a base URL without the API's path.</summary>
    NotFound,
    /// <summary>The answer is not the protocol: an HTML page, or JSON that is not a chat completion.</summary>
    NotProtocol,
}
