"""Plausible but wrong HumanEval programs, written by hand: the slips a model makes (a missed
edge case, a boundary off by one, a tie broken the other way, a rule half applied). Each is a
whole program (EvalPlus's `solution` format) for the task id it is listed under."""

from __future__ import annotations

WRONG_PROGRAMS: dict[str, list[str]] = {
    "HumanEval/0": [
        "def has_close_elements(numbers, threshold):\n"
        "    for a, b in zip(numbers, numbers[1:]):\n"
        "        if abs(a - b) < threshold:\n"
        "            return True\n"
        "    return False\n",
    ],
    "HumanEval/3": ["def below_zero(operations):\n    return sum(operations) < 0\n"],
    "HumanEval/4": [
        "def mean_absolute_deviation(numbers):\n"
        "    mean = sum(numbers) / len(numbers)\n"
        "    return sum(abs(x - mean) for x in numbers) / max(len(numbers) - 1, 1)\n",
    ],
    "HumanEval/12": [
        "def longest(strings):\n"
        "    if not strings:\n"
        "        return None\n"
        "    return sorted(strings, key=len)[-1]\n",
    ],
    "HumanEval/26": [
        "def remove_duplicates(numbers):\n    return list(dict.fromkeys(numbers))\n",
    ],
    "HumanEval/31": [
        "def is_prime(n):\n"
        "    if n < 2:\n"
        "        return False\n"
        "    for k in range(2, int(n ** 0.5)):\n"
        "        if n % k == 0:\n"
        "            return False\n"
        "    return True\n",
    ],
    "HumanEval/34": ["def unique(l):\n    return list(set(l))\n"],
    "HumanEval/35": [
        "def max_element(l):\n"
        "    m = 0\n"
        "    for e in l:\n"
        "        if e > m:\n"
        "            m = e\n"
        "    return m\n",
    ],
    "HumanEval/36": [
        "def fizz_buzz(n):\n"
        "    return sum(str(i).count('7') for i in range(n) if i % 11 == 0 or i % 13 == 0"
        " if i > 0)\n",
    ],
    "HumanEval/43": [
        "def pairs_sum_to_zero(l):\n    s = set(l)\n    return any(-x in s for x in l)\n",
    ],
    "HumanEval/52": ["def below_threshold(l, t):\n    return all(e <= t for e in l)\n"],
    "HumanEval/60": ["def sum_to_n(n):\n    return n * (n + 1) // 2 if n > 1 else 1\n"],
    "HumanEval/72": [
        "def will_it_fly(q, w):\n    return q == q[::-1] and sum(q) < w\n",
    ],
    "HumanEval/80": [
        "def is_happy(s):\n"
        "    if len(s) < 3:\n"
        "        return False\n"
        "    return all(s[i] != s[i + 1] for i in range(len(s) - 1))\n",
    ],
    "HumanEval/85": [
        "def add(lst):\n    return sum(x for i, x in enumerate(lst) if i % 2 == 1 and x % 2 == 0"
        " and x > 0)\n",
    ],
    "HumanEval/114": [
        "def minSubArraySum(nums):\n"
        "    best = current = 0\n"
        "    for x in nums:\n"
        "        current = min(0, current + x)\n"
        "        best = min(best, current)\n"
        "    return best if best < 0 else min(nums)\n",
    ],
    "HumanEval/121": [
        "def solution(lst):\n"
        "    return sum(x for i, x in enumerate(lst) if i % 2 == 0 and x % 2 == 1 and x > 0)\n",
    ],
    "HumanEval/128": [
        "def prod_signs(arr):\n"
        "    if not arr:\n"
        "        return None\n"
        "    sign = -1 if sum(1 for x in arr if x < 0) % 2 else 1\n"
        "    return sign * sum(abs(x) for x in arr)\n",
    ],
    "HumanEval/133": [
        "def sum_squares(lst):\n    return sum(round(x) ** 2 for x in lst)\n",
    ],
    "HumanEval/146": [
        "def specialFilter(nums):\n"
        "    odd = '13579'\n"
        "    return sum(1 for n in nums if n > 10 and str(n)[0] in odd)\n",
    ],
    "HumanEval/150": [
        "def x_or_y(n, x, y):\n"
        "    for i in range(2, n):\n"
        "        if n % i == 0:\n"
        "            return y\n"
        "    return x\n",
    ],
    "HumanEval/157": [
        "def right_angle_triangle(a, b, c):\n    return a * a + b * b == c * c\n",
    ],
    "HumanEval/159": [
        "def eat(number, need, remaining):\n    return [number + need, max(remaining - need, 0)]\n",
    ],
    "HumanEval/163": [
        "def generate_integers(a, b):\n"
        "    lower, upper = min(a, b), max(a, b)\n"
        "    return [i for i in range(lower, upper + 1) if i % 2 == 0 and i < 10]\n",
    ],
}
