namespace Alert.Tests.Infrastructure;

/// <summary>The ways the server can fail a request.</summary>
public enum ServerFault
{
    None,
    TooManyRequests, // 429 with Retry-After
    InternalError, // 500
    Unavailable, // 503
    Hang, // no answer until the client gives up
    ConnectionReset,
    MalformedJson,
    TruncatedBody,
    // Persistent faults: a wrong key, model or server. RandomFaults never picks them.
    Unauthorized, // 401 with {"detail": ...}, as FastAPI servers (vLLM) answer
    UnknownModel, // 404 with {"object": "error", "message": ...}, as vLLM answers
    HtmlPage, // 200 with a web server's HTML page
    NoChoices, // 200 with JSON that is not a chat completion
    ContentFilter, // 400 with Azure OpenAI's content_filter error: the prompt was blocked
}
