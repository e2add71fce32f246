package org.latentdyn.cli;
public class Main { public static void main(String[] a) {} }
