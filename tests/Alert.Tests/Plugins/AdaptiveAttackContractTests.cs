using Alert.RedTeaming;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Plugins;

/// <summary>Every registered adaptive attack method: a stable name, caps it keeps, and a line in <c>alert attack --help</c>.</summary>
public class AdaptiveAttackContractTests
{
    public static TheoryData<string> Methods() => new(AdaptiveAttacks.All.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(Methods))]
    public void ItsMostCallsStayWithinItsCaps(string name)
    {
        var method = AdaptiveAttacks.Resolve(name);
        Assert.Matches("^[a-z][a-z-]*$", method.Name);
        Assert.False(string.IsNullOrWhiteSpace(method.Description));
        Assert.True(method.DefaultMaxTargetQueries > 0);
        foreach (var cap in new[] { 1, 7, method.DefaultMaxTargetQueries })
        {
            var settings = new AttackSettings { MaxTargetQueries = cap };
            var calls = method.MostCalls(settings);
            Assert.InRange(calls.Target, 1, cap);
            Assert.InRange(calls.Attacker, 0, settings.AttackerCap);
            Assert.True(calls.Scorer >= 0);
        }
    }

    [Fact]
    public async Task HelpListsEveryMethod()
    {
        var help = await CliHarness.RunAsync("attack", "--help");
        Assert.Contains("ATTACK METHODS", help.Out);
        Assert.All(AdaptiveAttacks.All, m => Assert.Contains(m.Name, help.Out));
    }
}
