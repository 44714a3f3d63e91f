using Microsoft.Extensions.AI;

namespace Alert.Targets;

public sealed partial class ResilientChatClient
{
    /// <summary>One request's state, shared by its attempts and hedges (contexts are cloned; this object is
    /// not).</summary>
    private sealed class ExecutionState(ResilientChatClient client, IList<ChatMessage> messages, ChatOptions? options)
    {
        public ResilientChatClient Client { get; } = client;
        public IList<ChatMessage> Messages { get; } = messages;
        public ChatOptions? Options { get; } = options;
        /// <summary>Rounds: the first attempt and each retry (what --attempts bounds).</summary>
        public int Attempts;
        /// <summary>Second attempts sent for stragglers.</summary>
        public int Hedges;
        public bool Hedged;
        private int _primaryTaken;

        /// <summary>Completes when the current round's first attempt holds its server slot.</summary>
        public TaskCompletionSource PrimaryStarted { get; private set; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the current round's first attempt is over (answered or failed).</summary>
        public TaskCompletionSource RoundEnded { get; private set; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void EndRound() => RoundEnded.TrySetResult();

        /// <summary>The round's first attempt takes <see cref="PrimaryStarted"/>; later ones (hedges) get
        /// null.</summary>
        public TaskCompletionSource? TakePrimary() =>
            Interlocked.Exchange(ref _primaryTaken, 1) == 0 ? PrimaryStarted : null;

        /// <summary>A retry begins a new round: a new first attempt, no hedge yet.</summary>
        public void NextRound()
        {
            PrimaryStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            RoundEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Hedged = false;
            Volatile.Write(ref _primaryTaken, 0);
        }
    }
}
