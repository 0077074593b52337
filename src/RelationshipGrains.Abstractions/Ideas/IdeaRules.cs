using System.Globalization;

namespace RelationshipGrains.Ideas;

/// <summary>Evaluates a community's rules against an idea's attributes. A missing attribute fails the rule that needs it.</summary>
public static class IdeaRules
{
    /// <summary>One result per rule, in the rules' order.</summary>
    /// <param name="rules">The community's rules.</param>
    /// <param name="attributes">The idea's attributes.</param>
    public static IReadOnlyList<RuleResult> Evaluate(IReadOnlyList<IdeaRule> rules, IdeaAttributes attributes) =>
        [.. rules.Select(rule => Evaluate(rule, attributes))];

    private static RuleResult Evaluate(IdeaRule rule, IdeaAttributes attributes)
    {
        var numbers = attributes.Numbers ?? new Dictionary<string, double>();
        var texts = attributes.Texts ?? new Dictionary<string, IReadOnlyList<string>>();
        static string Show(double d) => d.ToString(CultureInfo.InvariantCulture);
        switch (rule.Kind)
        {
            case RuleKind.Max or RuleKind.Min when !numbers.TryGetValue(rule.Attribute, out _):
                return new(rule.Name, false, $"{rule.Attribute} is not stated");
            case RuleKind.Max:
                var max = numbers[rule.Attribute];
                return new(rule.Name, max <= rule.Number, $"{rule.Attribute} is {Show(max)}, the maximum is {Show(rule.Number!.Value)}");
            case RuleKind.Min:
                var min = numbers[rule.Attribute];
                return new(rule.Name, min >= rule.Number, $"{rule.Attribute} is {Show(min)}, the minimum is {Show(rule.Number!.Value)}");
            case RuleKind.Required:
                var has = texts.TryGetValue(rule.Attribute, out var present) && present?.Contains(rule.Text) == true;
                return new(rule.Name, has, has ? $"{rule.Attribute} includes {rule.Text}" : $"{rule.Attribute} must include {rule.Text}");
            default:
                var forbidden = texts.TryGetValue(rule.Attribute, out var values) && values?.Contains(rule.Text) == true;
                return new(rule.Name, !forbidden, forbidden ? $"{rule.Attribute} includes {rule.Text}, which is forbidden" : $"{rule.Attribute} is free of {rule.Text}");
        }
    }
}
