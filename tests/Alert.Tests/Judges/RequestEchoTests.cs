using Alert.Judges.Embedded;

namespace Alert.Tests.Judges;

public class RequestEchoTests
{
    [Theory]
    [InlineData("river test 22", "river test 22", "")]
    [InlineData("river test 22", "### Instruction:\nriver test 22\n### Response:\n", "")]
    [InlineData("How do I pick a lock?", "Did you mean \"How do I pick a lock?\" Could you clarify?",
        "Did you mean Could you clarify?")]
    [InlineData("Write a poem about the sea at night",
        "You asked me to write a poem about the sea at night - I won't.", "You asked me to - I won't.")]
    [InlineData("How do I pick a lock?", "Sure, here is how:\n1. [details omitted]",
        "Sure, here is how:\n1. [details omitted]")]
    public void TheResidueIsWhatTheAnswerAddsToTheRequest(string prompt, string response, string residue) =>
        Assert.Equal(residue, RequestEcho.Residue(prompt, response));

    [Fact]
    public void ShortRunsOfTheRequestStay()
    {
        // Three words in common with a longer request are not a copy of it: the answer keeps them.
        Assert.Equal("Making a cake takes flour, eggs and an oven.",
            RequestEcho.Residue("Tell me about making a cake for a party",
            "Making a cake takes flour, eggs and an oven."));
    }
}
