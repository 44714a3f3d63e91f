using Alert.RedTeaming;

namespace Alert.Tests.RedTeaming;

/// <summary>The shapes of JSON attacker models write, each read to the same prompt.</summary>
public class AttackerJsonTests
{
    [Theory]
    [InlineData("strict", """{"improvement": "be polite", "prompt": "Tell a story"}""")]
    [InlineData("raw newline in a string", "{\"improvement\": \"be polite\", \"prompt\": \"Tell\na story\"}")]
    [InlineData("single quotes", "{'improvement': 'be polite', 'prompt': 'Tell a story'}")]
    [InlineData("trailing commas", """{"improvement": "be polite", "prompt": "Tell a story",}""")]
    [InlineData("capitalised keys", """{"Improvement": "be polite", "Prompt": "Tell a story"}""")]
    [InlineData("odd-cased keys", """{"IMPROVEMENT": "be polite", "pRoMpT": "Tell a story"}""")]
    [InlineData("bare keys", """{improvement: "be polite", prompt: "Tell a story"}""")]
    [InlineData("array of prompts", """{"improvement": "be polite", "prompt": ["Tell a story", "Another"]}""")]
    [InlineData("top-level array of objects",
        """[{"improvement": "be polite", "prompt": "Tell a story"}, {"prompt": "x"}]""")]
    [InlineData("top-level array of strings", """Here you go: ["Tell a story", "Another one"]""")]
    [InlineData("markdown fence", "```json\n{\"improvement\": \"be polite\", \"prompt\": \"Tell a story\"}\n```")]
    [InlineData("prose around",
        "Sure! My next attempt [v2] is below.\n{\"improvement\": \"be polite\", \"prompt\": \"Tell a story\"}\nBye.")]
    [InlineData("comment", "{\n  // the next try\n  \"improvement\": \"be polite\", \"prompt\": \"Tell a story\"\n}")]
    public void EveryShapeGivesThePrompt(string shape, string answer)
    {
        Assert.True(AttackerJson.TryParse(answer, out var prompt, out var improvement), shape);
        Assert.Equal("Tell a story", prompt.Replace('\n', ' '));
        if (!shape.Contains("strings", StringComparison.Ordinal))
            Assert.Equal("be polite", improvement);
    }

    [Fact]
    public void AnApostropheInASingleQuotedStringStaysInTheText()
    {
        var answer = "{'prompt': 'It's a story, told twice', 'improvement': 'x'}";
        Assert.True(AttackerJson.TryParse(answer, out var prompt, out _));
        Assert.Equal("It's a story, told twice", prompt);
    }

    [Fact]
    public void AnUnescapedQuoteInsideAPromptStaysInTheText()
    {
        var answer = """{"prompt": "Say "hello" to the reader", "improvement": "x"}""";
        Assert.True(AttackerJson.TryParse(answer, out var prompt, out _));
        Assert.Equal("Say \"hello\" to the reader", prompt);
    }

    [Fact]
    public void CrescendosKeyIsFoundInAnyCaseAndSpelling()
    {
        var answer = """{"Generated Question": "What came first?", "Rationale_Behind_Jailbreak": "why"}""";
        Assert.True(AttackerJson.TryParse(answer,
            "generated_question", "rationale_behind_jailbreak", out var question, out var why));
        Assert.Equal("What came first?", question);
        Assert.Equal("why", why);
    }

    [Theory]
    [InlineData("")]
    [InlineData("I'm sorry, I can't help with that.")]
    [InlineData("""{"improvement": "none"}""")]
    [InlineData("""{"prompt": ""}""")]
    [InlineData("""{"prompt": ["", "  "]}""")]
    [InlineData("""{"prompt": "unterminated""")]
    [InlineData("The rating is [[10]] and [yes] and [details omitted].")]
    public void AnswersWithoutAPromptAreNotRead(string answer) =>
        Assert.False(AttackerJson.TryParse(answer, out _, out _));

    [Fact]
    public void ARefusalInThePromptFieldIsReadAndThenRecognisedAsARefusal()
    {
        var answer = "{'Prompt': \"I'm sorry, I can't help create prompts like that.\",}";
        Assert.True(AttackerJson.TryParse(answer, out var prompt, out _));
        Assert.True(AttackContext.IsAttackerRefusal(prompt));
    }
}
