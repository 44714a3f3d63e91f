using Microsoft.AspNetCore.Http;

namespace Alert.Tests.Infrastructure;

public sealed partial class LoopbackChatServer
{
    /// <summary>Serves <paramref name="fault"/>; <paramref name="leave"/> takes the request out of the in-flight
    /// count before a reset reaches the client.</summary>
    private static async Task FailAsync(HttpContext context, ServerFault fault, Action leave)
    {
        switch (fault)
        {
            case ServerFault.TooManyRequests:
                context.Response.StatusCode = 429;
                context.Response.Headers["Retry-After"] = "1";
                context.Response.Headers["retry-after-ms"] = "20";
                await context.Response.WriteAsync("""{"error":{"message":"rate limited","type":"rate_limit"}}""");
                break;
            case ServerFault.InternalError:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync("""{"error":{"message":"internal error"}}""");
                break;
            case ServerFault.Unavailable:
                context.Response.StatusCode = 503;
                await context.Response.WriteAsync("overloaded");
                break;
            case ServerFault.Hang:
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
                break;
            case ServerFault.ConnectionReset:
                leave();
                context.Abort();
                break;
            case ServerFault.MalformedJson:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"id\": \"x\", \"choices\": [ this is not json");
                break;
            case ServerFault.Unauthorized:
                context.Response.StatusCode = 401;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"detail":"Invalid token: the key was revoked"}""");
                break;
            case ServerFault.UnknownModel:
                context.Response.StatusCode = 404;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(
                    "{\"object\":\"error\",\"message\":\"The model `m` does not exist.\"," +
                    "\"type\":\"NotFoundError\",\"code\":404}");
                break;
            case ServerFault.HtmlPage:
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync(
                    "<!DOCTYPE html><html><head><title>Welcome to " +
                    "nginx!</title></head><body><h1>Welcome</h1></body></html>");
                break;
            case ServerFault.NoChoices:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"status":"ok","result":"this is a health endpoint"}""");
                break;
            case ServerFault.ContentFilter:
                context.Response.StatusCode = 400;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(
                    """{"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's """ +
                    """content management policy.","type":null,"param":"prompt","code":"content_filter",""" +
                    "\"status\":400}}");
                break;
            case ServerFault.TruncatedBody:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(
                    "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\"," +
                    "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assis");
                break;
        }
    }
}
