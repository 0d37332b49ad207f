using Dashboard.Ethereum.Abi;

namespace Dashboard.Contracts.Tests.Fixtures;

/// <summary>
/// Runtime code of a fake LockingPool that calls back into its caller, to prove DelegationPool's reentrancy guard.
/// Installed with anvil_setCode (hand-assembled: the build compiles only contracts/src). It answers
/// <c>escrow()</c> and <c>l1Token()</c> with its own address (so a DelegationPool built on it also uses it as
/// escrow and token), accepts every other call (token transfers and approvals succeed with no data), and on
/// <c>lockWithRewardRecipient</c> calls <c>harvest()</c> on the caller and reverts with whatever that returned.
/// </summary>
public static class HostileLockingPool
{
    public static byte[] RuntimeCode
    {
        get
        {
            var lockSelector = SignatureCall.Selector("lockWithRewardRecipient(address,address,uint256,bytes)");
            var escrowSelector = SignatureCall.Selector("escrow()");
            var tokenSelector = SignatureCall.Selector("l1Token()");
            var harvestSelector = SignatureCall.Selector("harvest()");
            const byte ReturnSelf = 0x25;
            const byte Reenter = 0x2f;
            byte[] code =
            [
                0x60, 0x00, 0x35, 0x60, 0xe0, 0x1c,                    // selector = calldata[0..4]
                0x80, 0x63, .. lockSelector, 0x14, 0x60, Reenter, 0x57,  // lockWithRewardRecipient -> reenter
                0x80, 0x63, .. escrowSelector, 0x14, 0x60, ReturnSelf, 0x57,
                0x80, 0x63, .. tokenSelector, 0x14, 0x60, ReturnSelf, 0x57,
                0x00,                                                  // anything else: STOP (success, no data)
                0x5b, 0x30, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3, // ReturnSelf: return address(this)
                0x5b, 0x63, .. harvestSelector, 0x60, 0xe0, 0x1b, 0x60, 0x00, 0x52, // Reenter: memory[0..4] = harvest()
                0x60, 0x00, 0x60, 0x00, 0x60, 0x04, 0x60, 0x00, 0x60, 0x00, 0x33, 0x5a, 0xf1, // call(gas, caller, 0, 0, 4, 0, 0)
                0x3d, 0x60, 0x00, 0x60, 0x00, 0x3e, 0x3d, 0x60, 0x00, 0xfd, // revert(returndata)
            ];
            if (code[ReturnSelf] != 0x5b || code[Reenter] != 0x5b)
            {
                throw new InvalidOperationException("HostileLockingPool: a jump target is not a JUMPDEST.");
            }

            return code;
        }
    }
}
